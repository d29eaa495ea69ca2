import { passes, refusalOf, type ConnectionEvent } from './connection.js';
import type { PeerSocket } from './socket.js';

/** Sockets refused for a while (too many tabs, a brief outage) that keepAlive will connect again. */
const retrying = new WeakSet<PeerSocket>();

/** Whether a socket that is not active now will be connected again by the page itself. */
export const retriesItself = (socket: PeerSocket): boolean => retrying.has(socket);

export interface LivenessOptions {
  /** Time between heartbeats while they are answered. @default 2000 */
  everyMs?: number;
  /** A heartbeat not answered in this long is missed: the connection shows as lost. @default 2000 */
  timeoutMs?: number;
  /** After this many misses in a row, the connection is dropped and made again. @default 3 */
  reconnectAfter?: number;
  /** Wait before trying again after a refusal that passes (too many tabs, a brief outage). @default 10000 */
  retryRefusedMs?: number;
}

/**
 * UX3: a lost connection shows within 5 s. Socket.IO's own ping only notices after pingInterval +
 * pingTimeout (45 s by default), so the page asks the server itself: an acknowledged `heartbeat`
 * every `everyMs`; one unanswered for `timeoutMs` reports `stalled` (2 + 2 s at worst), the next
 * answer `alive`. A connection silent for `reconnectAfter` heartbeats in a row is closed, so
 * Socket.IO makes a new one (sends waiting on the old one fail at once and go again on the new one).
 * The browser going offline reports at once; back online, a connection in backoff is tried now. A
 * refusal that passes is tried again after `retryRefusedMs`. Returns a function that stops it all.
 */
export function keepAlive(socket: PeerSocket, onEvent: (e: ConnectionEvent) => void, options: LivenessOptions = {}): () => void {
  const { everyMs = 2_000, timeoutMs = 2_000, reconnectAfter = 3, retryRefusedMs = 10_000 } = options;
  let next: ReturnType<typeof setTimeout> | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let missed = 0;
  let inFlight = false;
  let stopped = false;

  const schedule = (ms: number) => {
    clearTimeout(next);
    if (!stopped) next = setTimeout(beat, ms);
  };
  function beat() {
    if (stopped || inFlight || !socket.connected) return;
    inFlight = true;
    socket.timeout(timeoutMs).emit('heartbeat', {}, (err: Error | null) => {
      inFlight = false;
      if (!socket.connected) return;
      if (!err) {
        // Any answer, even a refusal, came back over this connection: it works.
        if (missed > 0) onEvent({ type: 'alive' });
        missed = 0;
        return schedule(everyMs);
      }
      missed++;
      onEvent({ type: 'stalled' });
      // The engine is Socket.IO's documented `socket.io.engine`; closing it reconnects.
      if (missed >= reconnectAfter) socket.io.engine.close();
      else schedule(0);
    });
  }

  const onConnect = () => {
    missed = 0;
    clearTimeout(retry);
    retrying.delete(socket);
    schedule(everyMs);
  };
  const onDisconnect = () => clearTimeout(next);
  const onRefused = (err: Error & { data?: unknown }) => {
    if (socket.active || !passes(refusalOf(err).code)) return;
    clearTimeout(retry);
    retrying.add(socket);
    retry = setTimeout(() => !stopped && !socket.connected && socket.connect(), retryRefusedMs);
  };
  const onOffline = () => {
    if (socket.connected) onEvent({ type: 'stalled' });
  };
  const onOnline = () => {
    if (socket.connected) return schedule(0);
    // In backoff, the next try could be seconds away: try now (Socket.IO's manual reconnection).
    if (socket.active) {
      socket.disconnect();
      socket.connect();
    }
  };

  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);
  socket.on('connect_error', onRefused);
  window.addEventListener('offline', onOffline);
  window.addEventListener('online', onOnline);
  if (socket.connected) onConnect();
  return () => {
    stopped = true;
    clearTimeout(next);
    clearTimeout(retry);
    retrying.delete(socket);
    socket.off('connect', onConnect);
    socket.off('disconnect', onDisconnect);
    socket.off('connect_error', onRefused);
    window.removeEventListener('offline', onOffline);
    window.removeEventListener('online', onOnline);
  };
}
