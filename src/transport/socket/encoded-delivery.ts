/** socket.io-parser's PacketType.EVENT. */
export const EVENT = 2;

/** A socket as the adapter keeps it: its client writes packets already encoded (public `_packet`). */
interface EncodedWriter {
  client: { _packet(encoded: unknown[], opts: { preEncoded: true }): void };
}

/** The parts of socket.io-adapter's in-memory adapter (the base of every adapter) this uses. */
export interface LocalRooms {
  rooms: Map<string, Set<string>>;
  nsp: { sockets: Map<string, unknown> };
}

/**
 * Writes an event, already encoded as socket.io packets (`io.encoder.encode(packet)`), to this
 * node's connections in `room`: what the adapter's own broadcast does for a room with no `except`
 * and no flags, without building a broadcast and encoding the event for it. Skips what Peerline
 * uses none of: `onAnyOutgoing` listeners and a frame encoded once for many connections.
 */
export function deliverEncoded(adapter: LocalRooms, room: string, encoded: unknown[]): void {
  const ids = adapter.rooms.get(room);
  if (!ids) return;
  for (const id of ids) (adapter.nsp.sockets.get(id) as EncodedWriter | undefined)?.client._packet(encoded, { preEncoded: true });
}
