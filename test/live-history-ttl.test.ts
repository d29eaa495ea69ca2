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

describe.skipIf(!backendKinds().includes('real'))('streams between nodes on Redis', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp('real', { LIVE_HISTORY_TTL_S: '1' });
    admin = await signInAdmin(t.app);
  });
  afterAll(async () => t?.close());

  /** Every entry of every stream under the app's key prefix: its id's time and its fields as text. */
  const streamEntries = async () => {
    const redis = t.app.backends.redis!.client;
    const out: { at: number; text: string }[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${t.app.backends.redis!.prefix}*`, 'COUNT', 500, 'TYPE', 'stream');
      cursor = next;
      for (const key of keys) {
        for (const [id, fields] of await redis.xrange(key, '-', '+')) out.push({ at: Number(id.split('-')[0]), text: fields.join(' ') });
      }
    } while (cursor !== '0');
    return out;
  };

  it('[PRIV1] [REL7] no stream entry, the adapter\'s included, outlives the window, while the chat goes on', async () => {
    const { spec, seek, sessionId } = await pairOnNewTopic(t.app, t.url, admin);
    const text = "a secret only for this chat, said once";
    await send(seek.socket, sessionId, text);
    // The message went to the other nodes as an entry of Peerline's stream...
    expect((await streamEntries()).some((e) => e.text.includes(text))).toBe(true);
    // ...which is trimmed by time, with no end of the chat and nothing else added.
    await expect.poll(async () => (await streamEntries()).some((e) => e.text.includes(text)), { timeout: 5_000, interval: 100 }).toBe(false);
    const time = await t.app.backends.redis!.client.time();
    const now = Number(time[0]) * 1000 + Math.floor(Number(time[1]) / 1000);
    // Within the window (the timer trims a period early), with a margin for this test's own reads.
    for (const entry of await streamEntries()) expect(now - entry.at).toBeLessThanOrEqual(1_000 + 100);
    expect((await t.app.backends.history.after(sessionId, 0)).map((m) => m.text)).toEqual([text]);
    for (const s of [spec.socket, seek.socket]) s.close();
  });
});
