import type { StreamFanout } from '../../backends/redis/stream-fanout.js';
import type { PeerlineIo } from '../http/context.js';
import { sessionRoom } from './room-events.js';

/** socket.io-adapter's MessageType.BROADCAST and socket.io-parser's PacketType.EVENT. */
export const BROADCAST = 3;
const EVENT = 2;
const MARK = '\u0000message\u0000';

/**
 * The streams adapter's entry for `io.to(session:<id>).emit('message:new', message)`, as the
 * adapter itself writes it (ClusterAdapter.broadcast: `{packet, opts: {rooms, except, flags}}` as
 * JSON), for the history's append script to publish (StreamFanout). Tested against the installed
 * adapter's own entries (test/message-fanout.test.ts).
 */
export function messageFanout(io: PeerlineIo, stream: string, maxLen: number): StreamFanout {
  const nsp = io.of('/');
  const uid = (nsp.adapter as unknown as { uid?: unknown }).uid;
  if (typeof uid !== 'string') throw new Error('messageFanout needs a cluster adapter (one with a uid)');
  // The entry's data around the message and the session id, worked out once per node (not per message).
  const SESSION = '\u0000session\u0000';
  const data = JSON.stringify({
    packet: { type: EVENT, data: ['message:new', MARK] },
    opts: { rooms: [sessionRoom(SESSION)], except: [], flags: {} },
  });
  const [beforeMessage, rest] = data.split(JSON.stringify(MARK)) as [string, string];
  // Session ids are generated ids (no character JSON escapes), so they go in as they are.
  const [beforeSession, after] = rest.split(JSON.stringify(SESSION).slice(1, -1)) as [string, string];
  return { stream, maxLen, uid, nsp: nsp.name, type: String(BROADCAST), data: { beforeMessage, beforeSession, after } };
}
