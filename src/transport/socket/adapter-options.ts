/**
 * How every node runs the Socket.IO Redis streams adapter (the benchmark's bare relay imports these
 * too, so Peerline and its baseline run the same adapter the same way).
 */
export const STREAM_ADAPTER_OPTIONS = {
  /**
   * Entries the stream keeps (approximately). A node that falls further behind than this loses
   * broadcasts; the library's 10,000 was overrun by a burst of 5,000 matches (about ten broadcasts
   * per chat) and chat:assigned events went missing. About 200 bytes each in Redis. @default 100000
   */
  maxLen: 100_000,
  /** Entries one XREAD returns, so a node catches up after a burst in few round trips. @default 1000 */
  readCount: 1_000,
} as const;
