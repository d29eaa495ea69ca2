import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration (SPEC §3)', () => {
  it('[OPS1] has working defaults for an empty environment: embedded, single node', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', LOG_LEVEL: 'info', FLAG_RETENTION_DAYS: 30 });
    expect(config).toMatchObject({ RATE_SEEKER_TOKENS: 10, RATE_FAILED_LOGINS: 10, RATE_MESSAGES: 20, CHAT_RECONNECT_GRACE_S: 120 });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats empty strings as unset and parses lists and booleans', () => {
    const config = loadConfig({ PORT: '', CORS_ORIGINS: 'https://a.example, https://b.example/', TRUST_PROXY: 'false' });
    expect(config.PORT).toBe(3000);
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(config.TRUST_PROXY).toBe(false);
    expect(loadConfig({}).LANGUAGES).toEqual(['en']);
    expect(loadConfig({ LANGUAGES: 'en, pt-BR,EN' }).LANGUAGES).toEqual(['en', 'pt-br']);
  });

  it.each([
    ['PORT', { PORT: '70000' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['REDIS_URL', { REDIS_URL: 'not a url' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['RATE_MESSAGES', { RATE_MESSAGES: '0' }],
    ['BOOTSTRAP_ADMIN_PASSWORD', { BOOTSTRAP_ADMIN_USERNAME: 'boss' }],
    ['CORS_ORIGINS', { CORS_ORIGINS: 'nope' }],
    ['LANGUAGES', { LANGUAGES: 'en,+1 415 555' }],
  ])('names %s in a one-line error', (name, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toMatch(new RegExp(`^Invalid configuration: ${name}: `));
      expect(message).not.toContain('\n');
    }
  });

  it('never echoes a secret value back in the error', () => {
    expect(() => loadConfig({ BOOTSTRAP_ADMIN_USERNAME: 'boss', BOOTSTRAP_ADMIN_PASSWORD: 'short' })).toThrow(/^(?!.*short).*$/);
  });
});
