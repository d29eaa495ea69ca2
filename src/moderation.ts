import type { Config } from './config.js';
import { ConfigError } from './config.js';
import { AbuseBlocklistHook } from './core/moderation/hooks/abuse-blocklist.js';
import { ContactRedactionHook } from './core/moderation/hooks/contact-redaction.js';
import { CrisisDetectorHook } from './core/moderation/hooks/crisis-detector.js';
import { FloodControlHook } from './core/moderation/hooks/flood-control.js';
import { loadLexicons } from './core/moderation/lexicons.js';
import { ModerationPipeline, type PipelineObserver } from './core/moderation/pipeline.js';
import type { ModerationHook } from './core/moderation/types.js';
import { loadCustomHooks } from './backends/moderation/custom-hooks.js';
import { WebhookHook } from './backends/moderation/webhook-hook.js';
import { PROJECT_ROOT } from './paths.js';

/**
 * The moderation pipeline from config: the built-in hooks (flood control, contact redaction, abuse
 * blocklist, crisis detection), then the webhook and custom hooks if configured (MOD1–MOD3).
 */
export async function buildPipeline(
  config: Config,
  observer: PipelineObserver & { webhookFailed?(kind: string): void } = {},
): Promise<ModerationPipeline> {
  let lexicons;
  try {
    lexicons = loadLexicons(PROJECT_ROOT, { abuse: config.ABUSE_WORDS_FILE, crisis: config.CRISIS_LEXICON_FILE });
  } catch (err) {
    const which = config.ABUSE_WORDS_FILE ? 'ABUSE_WORDS_FILE' : 'CRISIS_LEXICON_FILE';
    throw new ConfigError(`Invalid configuration: ${which}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  const hooks: ModerationHook[] = [
    new FloodControlHook(),
    new ContactRedactionHook(),
    new AbuseBlocklistHook(lexicons.abuse),
    new CrisisDetectorHook(lexicons.crisis),
  ];
  if (config.MODERATION_WEBHOOK_URL && config.MODERATION_WEBHOOK_SECRET) {
    hooks.push(
      new WebhookHook({
        url: config.MODERATION_WEBHOOK_URL,
        secret: config.MODERATION_WEBHOOK_SECRET,
        timeoutMs: config.MODERATION_WEBHOOK_TIMEOUT_MS,
        onFailure: (kind) => observer.webhookFailed?.(kind),
      }),
    );
  }
  if (config.MODERATION_HOOKS) {
    try {
      hooks.push(...(await loadCustomHooks(config.MODERATION_HOOKS)));
    } catch (err) {
      throw new ConfigError(`Invalid configuration: MODERATION_HOOKS: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
  }
  return new ModerationPipeline(hooks, observer);
}
