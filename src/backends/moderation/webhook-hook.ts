import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { HookPayload, HookResult, ModerationHook } from '../../core/moderation/types.js';

/** The verdict a webhook answers with: `{action: 'allow'|'redact'|'block', text?, reason?, flag?}`. */
const verdictSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('allow'), flag: z.object({ severity: z.enum(['low', 'medium', 'high']), reason: z.string().min(1).max(500) }).optional() }),
  z.object({ action: z.literal('redact'), text: z.string().max(4000), flag: z.object({ severity: z.enum(['low', 'medium', 'high']), reason: z.string().min(1).max(500) }).optional() }),
  z.object({ action: z.literal('block'), reason: z.string().min(1).max(500) }),
]);

export const SIGNATURE_HEADER = 'x-peerline-signature';

/** `sha256=<hex HMAC of the raw body>` with the shared secret. */
export const signBody = (secret: string, body: string): string => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export interface WebhookOptions {
  url: string;
  secret: string;
  /** @default 300 */
  timeoutMs: number;
  onFailure?: (kind: 'timeout' | 'http' | 'invalid' | 'network') => void;
}

/**
 * MOD3: each message is POSTed as JSON to MODERATION_WEBHOOK_URL, signed with HMAC-SHA256 of the
 * body (header `x-peerline-signature: sha256=<hex>`), within a bounded time. A slow, failing or
 * garbled answer follows the failure mode: deliver and flag for review.
 */
export class WebhookHook implements ModerationHook {
  readonly name = 'webhook';
  readonly priority = 50;
  readonly failureMode = 'deliver-and-flag' as const;
  readonly timeoutMs: number;

  constructor(private readonly options: WebhookOptions) {
    // The pipeline's own timer is a little longer than the request's, so the request's abort reports first.
    this.timeoutMs = options.timeoutMs + 50;
  }

  async check(payload: HookPayload): Promise<HookResult> {
    const body = JSON.stringify({
      sessionId: payload.session.id,
      topic: payload.session.topic,
      sender: payload.sender,
      text: payload.text,
      recent: payload.recent.map((m) => ({ sender: m.sender, text: m.text })),
    });
    let res: Response;
    try {
      res = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(this.options.secret, body) },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      this.options.onFailure?.(timedOut ? 'timeout' : 'network');
      throw err;
    }
    if (!res.ok) {
      this.options.onFailure?.('http');
      throw new Error(`webhook answered HTTP ${res.status}`);
    }
    const parsed = verdictSchema.safeParse(await res.json().catch(() => undefined));
    if (!parsed.success) {
      this.options.onFailure?.('invalid');
      throw new Error('webhook answered something that is not a verdict');
    }
    return parsed.data;
  }
}
