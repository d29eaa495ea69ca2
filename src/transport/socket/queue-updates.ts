import type { Chat } from '../../chat.js';
import type { PeerlineIo } from '../http/context.js';

/**
 * MQ7: push position and ETA to this node's waiting seekers when the queue changed, at most once a
 * second each, counting the place their chat:request or chat:switch acknowledged (so a burst of
 * arrivals is not followed at once by a push to each of them); and queue stats to this node's specialists, at most every two seconds.
 * Each node serves only its own sockets, so nothing is sent twice across nodes.
 */
export function startQueueUpdates(io: PeerlineIo, chat: Chat, onError: (err: unknown) => void): () => void {
  let version = -1;
  let statsJson = '';
  let running = false;
  let ticks = 0;

  const tick = async () => {
    // Pushes are stamped with the tick's start, which is a full interval after the last one's.
    const now = Date.now();
    const current = await chat.context.store.queueVersion();
    if (current !== version) {
      version = current;
      // Seekers told less than a second ago (a burst's arrivals, by their acknowledgement) are left
      // to a later tick, before their places are read: a burst's first tick reads none (SPEC P4).
      const watching = [];
      for (const socket of io.of('/').sockets.values()) {
        if (socket.data.identity.kind !== 'seeker' || !socket.data.sessionId) continue;
        if (now - (socket.data.positionAt ?? 0) < 1_000) version = -1;
        else watching.push(socket);
      }
      const rate = watching.length ? await chat.chat.matchRate() : 0;
      // All places in one round trip (one pipeline with Redis), however many are waiting.
      const statuses = watching.length ? await chat.chat.queueStatuses(watching.map((s) => s.data.sessionId!), rate) : [];
      watching.forEach((socket, i) => {
        const status = statuses[i];
        if (status && status.position !== socket.data.lastPosition) {
          // Told less than a second ago: this change is pushed on a later tick.
          if (now - (socket.data.positionAt ?? 0) < 1_000) return void (version = -1);
          socket.data.lastPosition = status.position;
          socket.data.positionAt = now;
          socket.emit('queue:update', { sessionId: socket.data.sessionId!, ...status });
        } else if (!status) {
          socket.data.lastPosition = undefined;
        }
      });
    }
    if (++ticks % 2 === 0) {
      const stats = await chat.context.store.stats();
      const json = JSON.stringify(stats);
      if (json !== statsJson) {
        statsJson = json;
        for (const socket of io.of('/').sockets.values()) {
          if (socket.data.identity.kind === 'staff' && socket.data.identity.role === 'specialist') socket.emit('queue:stats', stats);
        }
      }
    }
  };

  const timer = setInterval(() => {
    if (running) return;
    running = true;
    tick().catch(onError).finally(() => (running = false));
  }, 1_000);
  timer.unref();
  return () => clearInterval(timer);
}
