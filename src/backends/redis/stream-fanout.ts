/**
 * How a message append also publishes `message:new` to the other nodes: as an entry of the
 * Socket.IO Redis streams adapter's stream, written by the script that appends. A message then
 * costs one Redis round trip instead of two (append, then the adapter's XADD), and reaches other
 * nodes in seq order (CH1), since one script both numbers and publishes it.
 *
 * The entry carries the event already encoded as the socket.io packet a client receives, and the
 * room it goes to: a node writes it to its connections in that room as it is, without decoding
 * and encoding it again (SPEC P1). The socket transport builds the pieces and reads the entries
 * (src/transport/socket/message-fanout.ts); a test holds the packet to the installed encoder's.
 */
export interface StreamFanout {
  /** The adapter's stream key, and its approximate MAXLEN. */
  stream: string;
  maxLen: number;
  /** This node's adapter uid (nodes skip their own entries), and the entry's nsp. */
  uid: string;
  nsp: string;
  /** The entry's `type`: one the adapter does not know; Peerline's nodes deliver these themselves. */
  type: string;
  /** The entry's `room` is `roomPrefix + session id`. */
  roomPrefix: string;
  /** The entry's `data`, the encoded packet, is `packet.before + message JSON + packet.after`. */
  packet: { before: string; after: string };
}
