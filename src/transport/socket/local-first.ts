/** socket.io-adapter's MessageType.BROADCAST. */
const BROADCAST = 3;
const IN_ORDER = Symbol('localInOrder');

interface BroadcastOptions {
  rooms: Set<string>;
  except?: Set<string>;
  flags?: Record<string, unknown>;
}

/** The parts of socket.io-adapter's ClusterAdapter (the Redis streams adapter's base) this uses. */
interface ClusterAdapter {
  broadcast(packet: unknown, opts: BroadcastOptions): unknown;
  publish?(message: { type: number; data: unknown }): void;
  [IN_ORDER]?: (delivery: () => void) => void;
}

/**
 * A cluster adapter's broadcast waits for its entry to be written to Redis before it delivers the
 * event to this node's own connections: one Redis round trip on the way of every event to a local
 * client, and a write of its own instead of one shared with the acknowledgement its handler sends
 * (a request's match, an end's `chat:ended`; SPEC P4). Here the entry is published without waiting
 * (the adapter's own `publish`, in the same order as before), and local delivery follows once the
 * current callbacks and promises have run: after the acknowledgements they send, in the same
 * write. Local deliveries keep their order, `io.local` ones included. A failed publish was only
 * logged by the adapter before too; the local delivery happened anyway. Not for connection-state
 * recovery (Peerline does not turn it on), which needs each entry's offset before the delivery.
 * Does nothing to an adapter without `publish` (the in-memory one of a single node).
 */
export function deliverLocallyFirst(adapter: unknown): void {
  const a = adapter as ClusterAdapter;
  if (typeof a.publish !== 'function') return;
  const publish = a.publish.bind(a);
  const broadcast = a.broadcast.bind(a);
  let queued: (() => void)[] = [];
  const deliver = () => {
    const now = queued;
    queued = [];
    for (const delivery of now) delivery();
  };
  const later = (delivery: () => void) => {
    if (queued.push(delivery) === 1) process.nextTick(deliver);
  };
  // Behind any delivery still waiting, so this node's clients see events in the order sent.
  const inOrder = (delivery: () => void) => (queued.length ? later(delivery) : delivery());
  a[IN_ORDER] = inOrder;
  a.broadcast = (packet, opts) => {
    if (opts.flags?.local) {
      // A closure only when something waits (the common case delivers at once).
      if (queued.length) later(() => broadcast(packet, opts));
      else broadcast(packet, opts);
      return;
    }
    publish({ type: BROADCAST, data: { packet, opts: { rooms: [...opts.rooms], except: [...(opts.except ?? [])], flags: opts.flags ?? {} } } });
    const local = { ...opts, flags: { ...opts.flags, local: true } };
    later(() => broadcast(packet, local));
  };
}

/**
 * Runs a delivery to this node's own connections made outside the adapter's broadcast (see
 * deliverEncoded) in the same order as the broadcasts: behind any delivery deliverLocallyFirst
 * still holds, or at once.
 */
export function localInOrder(adapter: unknown): (delivery: () => void) => void {
  const a = adapter as ClusterAdapter;
  return (delivery) => (a[IN_ORDER] ? a[IN_ORDER](delivery) : delivery());
}
