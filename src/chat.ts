import { messageBudgets } from './backends/message-budget.js';
import type { Backends } from './backends/select.js';
import type { Config } from './config.js';
import { ChatService } from './core/chat/chat-service.js';
import { ConnectionService } from './core/chat/connection-service.js';
import type { ChatContext } from './core/chat/context.js';
import { MessageService } from './core/chat/message-service.js';
import { MetadataBuffer, type MetadataBufferOptions } from './core/chat/metadata-buffer.js';
import { ShiftService } from './core/chat/shift-service.js';
import { ModerationService, type ModerationDeps } from './core/moderation/moderation-service.js';
import type { ModerationPipeline } from './core/moderation/pipeline.js';
import type { ChatEvents } from './core/ports/chat-events.js';
import type { Services } from './services.js';
import type { Catalog } from './protocol/http.js';

/** The chat and moderation services of one node, sharing one context. */
export interface Chat {
  context: ChatContext;
  chat: ChatService;
  messages: MessageService;
  shifts: ShiftService;
  connections: ConnectionService;
  moderation: ModerationService;
}

export interface ChatWiring {
  config: Config;
  backends: Backends;
  services: Services;
  catalog: Catalog;
  events: ChatEvents;
  pipeline: ModerationPipeline;
  onMetadataError?: MetadataBufferOptions['onError'];
  onMetadataDrop?: MetadataBufferOptions['onDrop'];
  onMetadataRefused?: MetadataBufferOptions['onRefused'];
  observe?: ChatContext['observe'];
  moderationObserve?: ModerationDeps['observe'];
}

export function createChat(w: ChatWiring): Chat {
  const { config, backends } = w;
  const context: ChatContext = {
    store: backends.matches,
    history: backends.history,
    deadlines: backends.deadlines,
    presence: backends.presence,
    events: w.events,
    metadata: new MetadataBuffer(backends.sessionLog, {
      maxPending: 10_000,
      retryMs: 1_000,
      batchMs: 1_000,
      onError: w.onMetadataError,
      onDrop: w.onMetadataDrop,
      onRefused: w.onMetadataRefused,
    }),
    pipeline: w.pipeline,
    // Per identity, across its sockets and nodes (SEC2), counted by the live history's append. Once
    // over, an identity is refused on this node without a Redis call until its window ends.
    messageBudget: messageBudgets(config.RATE_MESSAGES, 10_000),
    timings: {
      seekerGraceMs: config.CHAT_RECONNECT_GRACE_S * 1000,
      specialistGraceMs: config.SPECIALIST_GRACE_S * 1000,
      queueGraceMs: config.QUEUE_GRACE_S * 1000,
      historyKeepMs: config.LIVE_HISTORY_TTL_S * 1000,
    },
    choices: { topics: new Set(w.catalog.topics.map((t) => t.id)), languages: new Set(config.LANGUAGES) },
    now: Date.now,
    observe: w.observe,
  };
  const chat = new ChatService(context);
  const shifts = new ShiftService(context, chat);
  const moderation = new ModerationService(context, chat, {
    flags: backends.flags,
    reportLimiter: backends.limiters('reports', 10, 60),
    audit: w.services.audit,
    seekers: w.services.seekers,
    resources: () => w.catalog.resources,
    observe: w.moderationObserve,
  });
  return {
    context,
    chat,
    messages: new MessageService(context, moderation),
    shifts,
    connections: new ConnectionService(context, chat, shifts),
    moderation,
  };
}
