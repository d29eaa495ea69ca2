import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge, Histogram } from 'prom-client';
import { createChat } from '../../chat.js';
import type { Actor } from '../../core/chat/actor.js';
import { buildPipeline } from '../../moderation.js';
import { Retention } from '../../core/moderation/retention.js';
import { dispatcher } from './ack.js';
import { chatHandlers, type JoinableSocket } from './chat-handlers.js';
import { eventLimits } from './event-limits.js';
import { handshakeRefusal, identityRoom, type SocketData } from './identity.js';
import { startQueueUpdates } from './queue-updates.js';
import { BatchedObserver, batched } from '../http/batched-observer.js';
import { nodeEvents } from './node-events.js';
import { sessionRoom } from './room-events.js';

const DEADLINE_POLL_MS = 200;
const RETENTION_PERIOD_MS = 3_600_000;
const RETENTION_CHECK_MS = 60_000;

/** Matching and live chat on this node: socket events, presence, grace timers, queue pushes, metrics. */
export const chatPlugin = fp(
  async (app: FastifyInstance) => {
    const { io, backends, metrics } = app;
    const PRESENCE_TTL_MS = app.config.PRESENCE_TTL_S * 1000;
    const SWEEP_MS = app.config.SWEEP_INTERVAL_S * 1000;
    // Every message, request and match observes one of these: buffered, handed over at scrape time
    // (prom-client's observe costs microseconds in a busy node; SPEC P1, P4).
    const wait = batched(new Histogram({ name: 'peerline_queue_wait_seconds', help: 'Time from queueing to a match', buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600], registers: [metrics], collect: () => wait.flush() }));
    const delivery = batched(new Histogram({ name: 'peerline_message_delivery_seconds', help: 'Time to store and send a message', buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1], registers: [metrics], collect: () => delivery.flush() }));
    const decision = batched(new Histogram({ name: 'peerline_match_decision_seconds', help: 'Time from an arrival or an end to its atomic matching decision (arrivals of one event-loop turn share one decision call, waited for together)', buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5], registers: [metrics], collect: () => decision.flush() }));
    const matches = new Counter({ name: 'peerline_matches_total', help: 'Seekers matched with a specialist', registers: [metrics] });
    const dropped = new Counter({
      name: 'peerline_metadata_dropped_total',
      help: 'Metadata snapshots dropped: the retry buffer was full (overflow), or the database refused the row on its own (refused)',
      labelNames: ['reason', 'kind'] as const,
      registers: [metrics],
    });
    const hookLatency: Histogram<'hook' | 'outcome'> = new Histogram({
      name: 'peerline_moderation_hook_seconds',
      help: 'Moderation hook latency by hook and outcome',
      labelNames: ['hook', 'outcome'] as const,
      buckets: [0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.05, 0.3, 1],
      registers: [metrics],
      collect: () => hookTimes.flush(),
    });
    // Four hooks a message: observed into a buffer, handed to the histogram at scrape time.
    const hookTimes = new BatchedObserver(hookLatency);
    const webhookFailures = new Counter({ name: 'peerline_moderation_webhook_failures_total', help: 'Webhook calls that timed out, failed or answered garbage', labelNames: ['kind'] as const, registers: [metrics] });
    const flagsRaised = new Counter({ name: 'peerline_flags_total', help: 'Flags raised by source and severity', labelNames: ['source', 'severity'] as const, registers: [metrics] });
    const actions = new Counter({ name: 'peerline_moderation_actions_total', help: 'Moderator actions by kind', labelNames: ['action'] as const, registers: [metrics] });
    const hookSlots = new Map<string, Map<string, number>>();
    const pipeline = await buildPipeline(app.config, {
      hookRan: (hook, ms, outcome) => {
        let byOutcome = hookSlots.get(hook);
        if (!byOutcome) hookSlots.set(hook, (byOutcome = new Map()));
        let slot = byOutcome.get(outcome);
        if (slot === undefined) byOutcome.set(outcome, (slot = hookTimes.slot({ hook, outcome })));
        hookTimes.observe(slot, ms / 1000);
      },
      webhookFailed: (kind) => webhookFailures.inc({ kind }),
    });
    const chat = createChat({
      config: app.config,
      backends,
      services: app.services,
      catalog: app.catalog,
      events: await nodeEvents(app),
      pipeline,
      moderationObserve: { flagged: (source, severity) => flagsRaised.inc({ source, severity }), acted: (action) => actions.inc({ action }) },
      onMetadataError: (err) => app.log.warn({ reason: err instanceof Error ? err.message : String(err) }, 'metadata write failed; will retry'),
      onMetadataDrop: (n, reason, kind) => dropped.inc({ reason, kind }, n),
      onMetadataRefused: (kind, err) => app.log.warn({ kind, err }, 'metadata row refused by the database; dropped'),
      observe: {
        matched: (ms) => {
          matches.inc();
          wait.observe(ms / 1000);
        },
        delivered: (ms) => delivery.observe(ms / 1000),
        decided: (ms) => decision.observe(ms / 1000),
        followUpFailed: (err) => app.log.warn({ reason: err instanceof Error ? err.message : String(err) }, 'flagging a delivered message failed'),
        timerFailed: (key, err) => app.log.warn({ timer: key.split(':')[0], reason: err instanceof Error ? err.message : String(err) }, 'grace timer failed; it will be retried'),
      },
    });
    // Metrics must still be served while Redis is down (that is when operators need them): a gauge
    // that cannot be read keeps its last value.
    const keepOnFailure = async (read: () => Promise<number>, set: (v: number) => void) => {
      try {
        set(await read());
      } catch {
        // backend unavailable: keep the last value
      }
    };
    new Gauge({
      name: 'peerline_queue_waiting',
      help: 'Seekers waiting',
      registers: [metrics],
      async collect() {
        await keepOnFailure(async () => (await chat.context.store.stats()).waiting, (v) => this.set(v));
      },
    });
    new Gauge({
      name: 'peerline_active_sessions',
      help: 'Chats in progress (all nodes)',
      registers: [metrics],
      async collect() {
        const store = chat.context.store;
        await keepOnFailure(async () => {
          const specs = await Promise.all((await store.routedSpecialists()).map((id) => store.specialist(id)));
          return specs.reduce((sum, s) => sum + (s?.active ?? 0), 0);
        }, (v) => this.set(v));
      },
    });
    new Gauge({ name: 'peerline_metadata_pending', help: 'Metadata snapshots waiting for the database', registers: [metrics], collect() { this.set(chat.context.metadata.pending); } });
    app.decorate('chat', chat);

    const warn = (what: string) => (err: unknown) => app.log.warn({ reason: err instanceof Error ? err.message : String(err) }, what);
    // This node's sockets of one identity, through its room: a lookup, not a scan of every socket.
    const localTabs = (actor: Actor) => {
      const nsp = io.of('/');
      const tabs: SocketData[] = [];
      for (const id of nsp.adapter.rooms.get(identityRoom(actor)) ?? []) {
        const socket = nsp.sockets.get(id);
        if (socket) tabs.push(socket.data);
      }
      return tabs;
    };
    const dispatch = dispatcher<JoinableSocket>(chatHandlers(chat, localTabs), app.log, eventLimits(backends.limiters, app.config.RATE_MESSAGES));
    // SEC2: at most MAX_SOCKETS_PER_IDENTITY sockets an identity, on all nodes together. The socket
    // is counted into presence before it is let in, so a burst of handshakes cannot all pass a count
    // read before any was added; entries of a node that dies expire (PRESENCE_TTL_S).
    const maxSockets = app.config.MAX_SOCKETS_PER_IDENTITY;
    io.use((socket, next) => {
      const key = identityRoom(socket.data.identity);
      backends.presence
        .add(key, socket.id, PRESENCE_TTL_MS)
        .then(async (live) => {
          // Socket.IO drops, with no disconnect event, a socket whose connection closed meanwhile:
          // it must not stay counted.
          const gone = socket.conn.readyState !== 'open';
          if (live <= maxSockets && !gone) return next();
          await backends.presence.remove(key, socket.id);
          next(handshakeRefusal('RATE_LIMITED', `This chat is already open in ${maxSockets} tabs or devices. Close one and try again.`));
        })
        .catch(() => next(handshakeRefusal('UNAVAILABLE', 'The service is briefly unavailable. Please try again in a moment.')));
    });
    io.on('connection', (socket) => {
      const identity = socket.data.identity;
      socket.onAny(dispatch as (event: string, ...args: unknown[]) => void);
      const key = identityRoom(identity);
      // Already in presence: counted in at the handshake, above.
      chat.connections
        .connected(identity, async (sessions) => {
          for (const s of sessions) if (s.status !== 'ended') await socket.join(sessionRoom(s.id));
        })
        .then(async (sessions) => {
          const open = sessions[0];
          if (identity.kind === 'seeker' && open) socket.data.sessionId = open.id;
          if (identity.kind === 'staff') {
            const live = sessions.filter((s) => s.status === 'active');
            socket.emit('chat:restore', {
              chats: live.map((s) => ({ sessionId: s.id, topic: s.topic, seekerAlias: s.seekerAlias, matchedAt: s.matchedAt ? new Date(s.matchedAt).toISOString() : null })),
            });
            await chat.chat.shiftUpdate(identity.staffId);
          }
        })
        .catch(warn('connect handling failed'));
      socket.on('disconnect', () => {
        backends.presence
          .remove(key, socket.id)
          .then(() => chat.connections.disconnected(identity))
          .catch(warn('disconnect handling failed'));
      });
    });

    // Presence entries expire unless refreshed: a node that dies stops counting (CH7 sweep). All of
    // this node's connections in a few calls, not a call each (5,250 connections: Redis 136–171 ms
    // and this process 186–389 ms of CPU every 5 s, against 28–54 ms and 19–34 ms).
    const refresh = setInterval(() => {
      const connections = [...io.of('/').sockets.values()].map((socket) => [identityRoom(socket.data.identity), socket.id] as const);
      backends.presence.refresh(connections, PRESENCE_TTL_MS).catch(() => undefined);
    }, PRESENCE_TTL_MS / 3);
    const loop = (ms: number, task: () => Promise<unknown>, what: string) => {
      let running = false;
      return setInterval(() => {
        if (running) return;
        running = true;
        task().catch(warn(what)).finally(() => (running = false));
      }, ms);
    };
    const timers = [refresh, loop(DEADLINE_POLL_MS, () => chat.connections.fireDue(), 'grace timers failed')];
    if (SWEEP_MS > 0) timers.push(loop(SWEEP_MS, () => chat.connections.sweep(), 'sweep failed'));
    const retention = new Retention(backends.flags, backends.sessionLog, backends.deadlines, {
      flags: app.config.FLAG_RETENTION_DAYS,
      sessions: app.config.SESSION_RETENTION_DAYS,
    });
    const runRetention = async () => {
      const done = await retention.maybeRun(RETENTION_PERIOD_MS);
      if (done) app.log.info(done, 'retention: old flag excerpts and session metadata deleted');
    };
    timers.push(loop(RETENTION_CHECK_MS, runRetention, 'retention failed'));
    for (const t of timers) t.unref();
    const stopQueueUpdates = startQueueUpdates(io, chat, warn('queue updates failed'));

    app.addHook('onClose', async () => {
      for (const t of timers) clearInterval(t);
      stopQueueUpdates();
      pipeline.destroy();
      await chat.context.metadata.close();
    });
  },
  { name: 'chat', dependencies: ['socket', 'metrics'] },
);
