import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER, signBody, WebhookHook } from '../../src/backends/moderation/webhook-hook.js';
import { ModerationPipeline } from '../../src/core/moderation/pipeline.js';
import { newSession } from '../../src/testing/contracts/match-store.contract.js';

const SECRET = 'webhook-secret-for-tests';

/**
 * A real moderation service on a local port; its behaviour is picked by the message text.
 * A 'slow' message is never answered: the hook's own timeout ends it, however loaded the host is.
 */
function startModerator(secret: string): Promise<{ server: Server; url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (req.headers[SIGNATURE_HEADER] !== signBody(secret, raw)) {
        res.writeHead(401).end();
        return;
      }
      const body = JSON.parse(raw) as { text: string };
      bodies.push(body);
      const reply = (status: number, payload: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(payload);
      if (body.text.includes('slow')) return;
      if (body.text.includes('fail')) reply(500, '{}');
      else if (body.text.includes('garbage')) reply(200, 'not json at all');
      else if (body.text.includes('weird')) reply(200, '{"action":"explode"}');
      else if (body.text.includes('block')) reply(200, '{"action":"block","reason":"the webhook said no"}');
      else if (body.text.includes('redact')) reply(200, JSON.stringify({ action: 'redact', text: body.text.replace('redact', '[removed]'), flag: { severity: 'low', reason: 'tidied' } }));
      else reply(200, '{"action":"allow"}');
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies })));
}

describe('moderation webhook against a real HTTP server (MOD3)', () => {
  let good: Awaited<ReturnType<typeof startModerator>>;
  let otherSecret: Awaited<ReturnType<typeof startModerator>>;
  const failures: string[] = [];
  let pipeline: ModerationPipeline;
  let hasty: ModerationPipeline;
  let misconfigured: ModerationPipeline;
  const run = (p: ModerationPipeline, text: string) => p.run({ session: newSession(), sender: 'seeker', text, recent: [] });

  beforeAll(async () => {
    good = await startModerator(SECRET);
    otherSecret = await startModerator('a different secret entirely');
    // A generous timeout where an answer is expected (a loaded CI host once took over 300 ms for the
    // first fetch); a short one only where the timeout itself is under test.
    const hook = (url: string, timeoutMs: number) => new WebhookHook({ url, secret: SECRET, timeoutMs, onFailure: (k) => failures.push(k) });
    pipeline = new ModerationPipeline([hook(good.url, 10_000)]);
    hasty = new ModerationPipeline([hook(good.url, 200)]);
    misconfigured = new ModerationPipeline([hook(otherSecret.url, 10_000)]);
  });
  afterAll(() => {
    good.server.closeAllConnections();
    good.server.close();
    otherSecret.server.close();
  });

  it('[MOD3] posts signed JSON and takes the verdict from the answer', async () => {
    expect(await run(pipeline, 'hello there')).toMatchObject({ action: 'deliver', text: 'hello there', flags: [] });
    expect(await run(pipeline, 'please block this')).toEqual({ action: 'block', reason: 'the webhook said no', hook: 'webhook', flags: [] });
    expect(await run(pipeline, 'please redact this')).toMatchObject({ action: 'deliver', text: 'please [removed] this', redacted: true, flags: [{ hook: 'webhook', severity: 'low' }] });
    expect(good.bodies[0]).toMatchObject({ text: 'hello there', sender: 'seeker' });
  });

  it('[MOD3] a slow, failing or garbled webhook delivers the message and flags it for review, and is counted', async () => {
    for (const [text, kind, p] of [
      ['this is slow', 'timeout', hasty],
      ['this will fail', 'http', pipeline],
      ['garbage please', 'invalid', pipeline],
      ['weird verdict', 'invalid', pipeline],
    ] as const) {
      failures.length = 0;
      const verdict = await run(p, text);
      expect(verdict).toMatchObject({ action: 'deliver', text, flags: [{ hook: 'webhook', severity: 'medium' }] });
      expect(failures).toEqual([kind]);
    }
  });

  it('[MOD3] a webhook that rejects our signature (wrong secret) follows the failure mode too', async () => {
    failures.length = 0;
    const verdict = await run(misconfigured, 'hello');
    expect(verdict).toMatchObject({ action: 'deliver', flags: [{ hook: 'webhook' }] });
    expect(failures).toEqual(['http']);
    expect(otherSecret.bodies).toEqual([]);
  });
});
