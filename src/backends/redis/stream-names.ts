/** The Socket.IO adapter's stream, under the key prefix: trimmed by time with Peerline's own (PRIV1). */
export const adapterStream = (prefix: string) => `${prefix}socket.io`;

/** Peerline's own stream between nodes (RedisEventStream). */
export const nodeStream = (prefix: string) => `${prefix}nodes`;
