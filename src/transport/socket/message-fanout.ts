import type { StreamFanout } from '../../backends/redis/stream-fanout.js';
import type { PeerlineIo } from '../http/context.js';
import { EVENT, deliverEncoded, type LocalRooms } from './encoded-delivery.js';
import { sessionRoom } from './room-events.js';

/** The `type` of a message entry: not one of the adapter's (a number), so it never decodes one. */
export const MESSAGE_ENTRY = 'peerline:message';
const MARK = '\u0000message\u0000';

/**
 * The pieces of a message entry for `io.to(session:<id>).emit('message:new', message)`, for the
 * history's append script to publish (StreamFanout): the packet around the message as this
 * server's own encoder writes it, worked out once per node (not per message).
 */
export function messageFanout(io: PeerlineIo, stream: string, maxLen: number): StreamFanout {
  const nsp = io.of('/');
  const uid = (nsp.adapter as unknown as { uid?: unknown }).uid;
  if (typeof uid !== 'string') throw new Error('messageFanout needs a cluster adapter (one with a uid)');
  const [encoded] = io.encoder.encode({ type: EVENT, nsp: nsp.name, data: ['message:new', MARK] }) as string[];
  const [before, after] = encoded!.split(JSON.stringify(MARK)) as [string, string];
  return { stream, maxLen, uid, nsp: nsp.name, type: MESSAGE_ENTRY, roomPrefix: sessionRoom(''), packet: { before, after } };
}

interface RawEntry {
  type?: unknown;
  room?: unknown;
  data?: unknown;
}
interface StreamsAdapter extends LocalRooms {
  onRawMessage?: (raw: RawEntry, offset: string) => void;
}

/**
 * A node delivers the message entries of other nodes (MESSAGE_ENTRY) itself: the packet is written
 * to its connections in the entry's room as it came, where the adapter would decode the entry and
 * encode the event again (SPEC P1). Entries are read in stream order, one after another, so
 * messages keep their seq order (CH1) among the adapter's other events. Reads the streams
 * adapter's `onRawMessage`; test/message-fanout.test.ts notices if it moves.
 */
export function readMessageEntries(adapter: unknown): void {
  const a = adapter as StreamsAdapter;
  const { onRawMessage } = a;
  if (typeof onRawMessage !== 'function') return;
  const decodeAndApply = onRawMessage.bind(a);
  a.onRawMessage = (raw, offset) => {
    if (raw.type !== MESSAGE_ENTRY) return decodeAndApply(raw, offset);
    if (typeof raw.room === 'string' && typeof raw.data === 'string') deliverEncoded(a, raw.room, [raw.data]);
  };
}
