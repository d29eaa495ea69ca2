import type { FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import type { ChatEvents } from '../../core/ports/chat-events.js';
import { applyEnvelope, roomEvents } from './room-events.js';

/**
 * This node's ChatEvents. With Redis, every event goes over Peerline's own stream, and this node
 * applies every entry it reads: reading starts before the node listens, so it misses nothing sent
 * to its clients. An entry this version cannot read is skipped and counted, never fatal. When the
 * reader finds entries were trimmed before it could read them (a long outage), this node's
 * clients are disconnected, so they reconnect and resume what they missed (CH4).
 */
export async function nodeEvents(app: FastifyInstance): Promise<ChatEvents> {
  const { io, metrics } = app;
  const stream = app.backends.redis?.events;
  if (!stream) return roomEvents(io);
  const skipped = new Counter({ name: 'peerline_node_entries_skipped_total', help: 'Entries of the stream between nodes this node could not read, by reason', labelNames: ['reason'] as const, registers: [metrics] });
  const failed = new Counter({ name: 'peerline_node_stream_errors_total', help: 'Failed publishes to and reads of the stream between nodes', labelNames: ['op'] as const, registers: [metrics] });
  await stream.subscribe(
    (entry) => {
      const reason = applyEnvelope(io, entry);
      if (reason) skipped.inc({ reason });
    },
    {
      onError: (err) => {
        failed.inc({ op: 'read' });
        app.log.warn({ reason: err instanceof Error ? err.message : String(err) }, 'reading the stream between nodes failed; retrying');
      },
      onGap: () => {
        failed.inc({ op: 'gap' });
        app.log.warn('entries between nodes were trimmed before this node read them; its clients reconnect to resume');
        io.local.disconnectSockets(true);
      },
    },
  );
  return roomEvents(io, {
    stream,
    onPublishError: (err) => {
      failed.inc({ op: 'publish' });
      app.log.warn({ reason: err instanceof Error ? err.message : String(err) }, 'publishing to the other nodes failed');
    },
  });
}
