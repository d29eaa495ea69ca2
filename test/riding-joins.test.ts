import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, pairOnNewTopic, send, waitFor } from '../src/testing/chat-helpers.js';
import { backendKinds, signInAdmin, startTestApp, type TestApp } from '../src/testing/test-app.js';
import { sessionRoom } from '../src/transport/socket/room-events.js';

/** socket.io-adapter's MessageType.SOCKETS_JOIN and SOCKETS_LEAVE. */
const SOCKETS_JOIN = '4';
const SOCKETS_LEAVE = '5';

describe.each(backendKinds())("a session room's joins and leaves, on %s backends", (kind) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await signInAdmin(t.app);
  });
  afterAll(async () => t?.close());

  /** The types of the adapter stream's entries from `from` on (Redis only; [] without it). */
  const entryTypes = async (from: string) => {
    const redis = t.app.backends.redis;
    if (!redis) return [];
    const entries = (await redis.client.xrange(`${redis.prefix}socket.io`, from, '+')) as [string, string[]][];
    return entries.map(([, fields]) => fields[fields.indexOf('type') + 1]);
  };
  /** How many adapter entries from `from` on broadcast `event` (Redis only; 0 without it). */
  const entriesOf = async (from: string, event: string) => {
    const redis = t.app.backends.redis;
    if (!redis) return 0;
    const entries = (await redis.client.xrange(`${redis.prefix}socket.io`, from, '+')) as [string, string[]][];
    return entries.filter(([, fields]) => (fields[fields.indexOf('data') + 1] ?? '').includes(`"${event}"`)).length;
  };
  const members = (sessionId: string) => [...(t.app.io.of('/').adapter.rooms.get(sessionRoom(sessionId)) ?? [])];

  it('[P4] [CH1] travel with chat:matched and chat:ended, as no adapter entries of their own; the room works in between', async () => {
    const from = `${Date.now()}-0`;
    const { spec, seek, sessionId } = await pairOnNewTopic(t.app, t.url, admin);
    // Both connections joined the chat's room with the match...
    await expect.poll(() => members(sessionId).length).toBe(2);
    const heard = waitFor<{ text: string }>(spec.socket, 'message:new');
    await send(seek.socket, sessionId, 'through the room');
    expect((await heard).text).toBe('through the room');
    // ...and leave it with the end.
    const ended = [waitFor(spec.socket, 'chat:ended'), waitFor(seek.socket, 'chat:ended')];
    const endFrom = `${Date.now()}-0`;
    await ok(seek.socket, 'chat:end', { sessionId });
    // [CH6] both sides hear the end, from one broadcast to both of them (one adapter entry).
    expect(await Promise.all(ended)).toEqual([expect.objectContaining({ sessionId, endedBy: 'seeker' }), expect.objectContaining({ sessionId, endedBy: 'seeker' })]);
    if (t.app.backends.redis) expect(await entriesOf(endFrom, 'chat:ended')).toBe(1);
    await expect.poll(() => members(sessionId)).toEqual([]);
    const types = await entryTypes(from);
    if (t.app.backends.redis) expect(types.length).toBeGreaterThan(0);
    expect(types.filter((type) => type === SOCKETS_JOIN || type === SOCKETS_LEAVE)).toEqual([]);
    seek.socket.close();
    spec.socket.close();
  });
});
