import type { Backends } from './backends/select.js';
import type { Config } from './config.js';
import { ChatService } from './core/chat/chat-service.js';
import { ConnectionService } from './core/chat/connection-service.js';
import type { ChatContext } from './core/chat/context.js';
import { passThroughPipeline } from './core/chat/message-pipeline.js';
import { MessageService } from './core/chat/message-service.js';
import { MetadataBuffer } from './core/chat/metadata-buffer.js';
import { ShiftService } from './core/chat/shift-service.js';
import type { ChatEvents } from './core/ports/chat-events.js';

/** The chat services of one node, sharing one context. */
export interface Chat {
  context: ChatContext;
  chat: ChatService;
  messages: MessageService;
  shifts: ShiftService;
  connections: ConnectionService;
}

const HISTORY_KEEP_MS = 5 * 60_000;

export function createChat(
  config: Config,
  backends: Backends,
  events: ChatEvents,
  hooks: { onMetadataError?: (err: unknown) => void; onMetadataDrop?: (n: number) => void; observe?: ChatContext['observe'] } = {},
): Chat {
  const context: ChatContext = {
    store: backends.matches,
    history: backends.history,
    deadlines: backends.deadlines,
    presence: backends.presence,
    events,
    metadata: new MetadataBuffer(backends.sessionLog, {
      maxPending: 10_000,
      retryMs: 1_000,
      onError: hooks.onMetadataError,
      onDrop: hooks.onMetadataDrop,
    }),
    pipeline: passThroughPipeline,
    messageLimiter: backends.limiters('messages', config.RATE_MESSAGES, 10),
    timings: {
      seekerGraceMs: config.CHAT_RECONNECT_GRACE_S * 1000,
      specialistGraceMs: config.SPECIALIST_GRACE_S * 1000,
      queueGraceMs: config.QUEUE_GRACE_S * 1000,
      historyKeepMs: HISTORY_KEEP_MS,
    },
    now: Date.now,
    observe: hooks.observe,
  };
  const chat = new ChatService(context);
  const shifts = new ShiftService(context, chat);
  return { context, chat, messages: new MessageService(context), shifts, connections: new ConnectionService(context, chat, shifts) };
}
