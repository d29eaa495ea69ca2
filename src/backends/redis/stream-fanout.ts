/**
 * How a message append also publishes `message:new` to the other nodes: as an entry of the
 * Socket.IO Redis streams adapter's own stream, written by the script that appends. A message then
 * costs one Redis round trip instead of two (append, then the adapter's XADD), and reaches other
 * nodes in seq order (CH1), since one script both numbers and publishes it.
 *
 * The entry is the adapter's BROADCAST format (`uid`, `nsp`, `type`, `data` as JSON); the socket
 * transport builds it (src/transport/socket/message-fanout.ts) and a test holds it to what the
 * installed adapter writes itself.
 */
export interface StreamFanout {
  /** The adapter's stream key, and its approximate MAXLEN. */
  stream: string;
  maxLen: number;
  /** The entry's fields but `data`: this node's adapter uid (its own entries are skipped), nsp, type. */
  uid: string;
  nsp: string;
  type: string;
  /** `data` for a session's room is `beforeMessage + message JSON + beforeSession + session id + after`. */
  data: { beforeMessage: string; beforeSession: string; after: string };
}
