import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, pairOnNewTopic, send } from '../src/testing/chat-helpers.js';
import { loadConfig } from '../src/config.js';
import { backendKinds, signInAdmin, startTestApp, type TestApp } from '../src/testing/test-app.js';

describe('LIVE_HISTORY_TTL_S', () => {
  it('[PRIV1] defaults to 600 s and refuses more than 600', () => {
    expect(loadConfig({}).LIVE_HISTORY_TTL_S).toBe(600);
    expect(() => loadConfig({ LIVE_HISTORY_TTL_S: '601' })).toThrow(/LIVE_HISTORY_TTL_S/);
  });
});

describe.each(backendKinds())('live history window on %s backends', (kind) => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp(kind, { LIVE_HISTORY_TTL_S: '1' });
    admin = await signInAdmin(t.app);
  });
  afterAll(async () => t?.close());

  it('[PRIV1] [CH4] a chat\'s messages are gone from the live history once its window after the end has passed', async () => {
    const { spec, seek, sessionId } = await pairOnNewTopic(t.app, t.url, admin);
    await send(seek.socket, sessionId, 'something only these two should ever read');
    await send(spec.socket, sessionId, 'a reply');
    expect(await t.app.backends.history.after(sessionId, 0)).toHaveLength(2);
    await ok(seek.socket, 'chat:end', { sessionId });
    await expect.poll(async () => (await t.app.backends.history.after(sessionId, 0)).length, { timeout: 5_000, interval: 100 }).toBe(0);
    for (const s of [spec.socket, seek.socket]) s.close();
  });
});
