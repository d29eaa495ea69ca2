import type { Chat } from '../../chat.js';
import type { QueueStatus } from '../../core/chat/chat-service.js';
import { steadyEta } from '../../core/chat/matching.js';
import type { PeerlineIo } from '../http/context.js';
import type { SocketData } from './identity.js';

/**
 * What a socket is told of its wait, by a push or an acknowledgement: the ETA capped by the last one
 * told for this session at a place no better (MQ7), remembered with the place, the on-shift count
 * and the time. `fresh`: a new wait (chat:switch), which owes nothing to an earlier estimate.
 */
export function tell(data: SocketData, sessionId: string, status: QueueStatus, now: number, fresh = false): QueueStatus {
  const last = !fresh && data.lastEta?.sessionId === sessionId ? data.lastEta : undefined;
  const etaSeconds = steadyEta(status.position, status.etaSeconds, last);
  data.lastPosition = status.position;
  data.lastOnShift = status.onShift;
  data.positionAt = now;
  // A cap outlives an unknown wait (null) as long as the place is no worse than it was told for.
  if (etaSeconds !== null) data.lastEta = { sessionId, position: status.position, seconds: etaSeconds };
  else if (!last || status.position > last.position) data.lastEta = undefined;
  return { position: status.position, etaSeconds, onShift: status.onShift };
}

const forget = (data: SocketData) => {
  data.lastPosition = undefined;
  data.lastOnShift = undefined;
  data.lastEta = undefined;
};

/**
 * MQ7: push place, ETA and the on-shift count to this node's waiting seekers when the queue or the
 * shifts changed (a shift starting or ending bumps the queue version too), at most once a second
 * each, counting what their chat:request or chat:switch acknowledged (so a burst of arrivals is not
 * followed at once by a push to each of them); and queue stats to this node's specialists, at most
 * every two seconds. Each node serves only its own sockets, so nothing is sent twice across nodes.
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
      if (watching.length) {
        const outlook = await chat.chat.outlook();
        // All places in one round trip (one script with Redis), however many are waiting.
        const statuses = await chat.chat.queueStatuses(watching.map((s) => s.data.sessionId!), outlook);
        watching.forEach((socket, i) => {
          const { data } = socket;
          const status = statuses[i];
          if (!status) return forget(data);
          if (status.position === data.lastPosition && status.onShift === data.lastOnShift) return;
          // Acknowledged while the places were read: this change is pushed on a later tick.
          if (now - (data.positionAt ?? 0) < 1_000) return void (version = -1);
          socket.emit('queue:update', { sessionId: data.sessionId!, ...tell(data, data.sessionId!, status, now) });
        });
      }
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
