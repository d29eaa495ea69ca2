import { z } from 'zod';
import type { ErrorCode } from './errors.js';
import type { Resource } from './http.js';
import { MAX_MESSAGE_CHARS, type Message } from './messages.js';

const sessionId = z.string().min(1).max(64);
const topic = z.string().trim().min(1).max(40);

/** Payloads of every client → server event (SPEC §5), validated on arrival (SEC1). */
export const clientPayloads = {
  'chat:request': z.object({ topic: topic.optional(), language: z.string().trim().min(2).max(16).optional() }),
  'chat:cancel': z.object({ sessionId }),
  'message:send': z.object({ sessionId, clientMsgId: z.string().min(1).max(64), text: z.string().trim().min(1).max(MAX_MESSAGE_CHARS) }),
  typing: z.object({ sessionId, typing: z.boolean() }),
  'message:report': z.object({ sessionId, messageId: z.string().min(1).max(128), reason: z.string().trim().min(1).max(200), note: z.string().max(1000).optional() }),
  'chat:end': z.object({ sessionId }),
  'chat:rate': z.object({ sessionId, rating: z.number().int().min(1).max(5), feedback: z.string().max(2000).optional() }),
  'chat:resume': z.object({ sessionId, afterSeq: z.number().int().min(0) }),
  'chat:switch': z.object({ sessionId }),
  'shift:start': z.object({ capacity: z.number().int().min(1).max(5), topics: z.array(topic).max(50).optional() }),
  'shift:end': z.object({}),
  'chat:transfer': z.object({ sessionId, reason: z.string().max(500).optional() }),
  'chat:escalate': z.object({ sessionId, reason: z.string().trim().min(1).max(500) }),
  'chat:mark-urgent': z.object({ sessionId, note: z.string().trim().max(500).optional(), sendResources: z.boolean().optional() }),
  'chat:handover': z.object({ sessionId, share: z.boolean() }),
  'flags:subscribe': z.object({}),
  /** Added (UX3): a no-op the web client sends every few seconds, so a stalled connection shows within 5 s. */
  heartbeat: z.object({}),
} as const;

export type ClientEvent = keyof typeof clientPayloads;
export type ClientPayload<E extends ClientEvent> = z.input<(typeof clientPayloads)[E]>;

/** Every acknowledgement: `{ ok: true, ...data }` or `{ ok: false, error: { code, message } }`. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: { code: ErrorCode; message: string } };

export type AckFn<T extends object = object> = (response: Ack<T>) => void;

export interface Flag {
  id: string;
  sessionId: string;
  messageId: string | null;
  source: 'report' | 'escalation' | 'hook';
  severity: 'low' | 'medium' | 'high';
  reason: string;
  status: 'open' | 'resolved';
  /** The flagged message and up to 5 before it, as delivered; null once retention removed it (MOD6). */
  excerpt: Message[] | null;
  createdAt: string;
  resolvedAt: string | null;
  resolution: FlagAction | null;
  resolutionNote: string | null;
  /** Added (UX6): crisis language or a chat marked urgent; the console offers to reach the specialist first. */
  crisis: boolean;
  /** Added (UX6): whether the flag's chat is still live (waiting or active), read when the flag is sent. */
  chatLive: boolean | null;
  /** Added (UX6): the moderator working on this flag while their claim lasts; null otherwise. */
  claimedBy: FlagClaim | null;
}

/** Who claimed a flag, and until when (a claim also ends when the flag is resolved). */
export interface FlagClaim {
  id: string;
  displayName: string;
  expiresAt: string;
}

export const FLAG_ACTIONS = ['dismiss', 'hide_message', 'warn', 'end_chat', 'ban_seeker'] as const;
export type FlagAction = (typeof FLAG_ACTIONS)[number];

export interface ShiftInfo {
  onShift: boolean;
  capacity: number;
  active: number;
}

/** Client → server events with their ack data, for typed Socket.IO clients (client/ imports this). */
export interface ClientToServerEvents {
  'chat:request': (p: ClientPayload<'chat:request'>, ack: AckFn<{ sessionId: string; position: number; etaSeconds: number | null; onShift: number }>) => void;
  'chat:cancel': (p: ClientPayload<'chat:cancel'>, ack: AckFn) => void;
  'message:send': (p: ClientPayload<'message:send'>, ack: AckFn<{ message: Message }>) => void;
  typing: (p: ClientPayload<'typing'>, ack?: AckFn) => void;
  'message:report': (p: ClientPayload<'message:report'>, ack: AckFn<{ flagId: string }>) => void;
  'chat:end': (p: ClientPayload<'chat:end'>, ack: AckFn) => void;
  'chat:rate': (p: ClientPayload<'chat:rate'>, ack: AckFn) => void;
  'chat:resume': (p: ClientPayload<'chat:resume'>, ack: AckFn<{ session: Record<string, unknown>; messages: Message[] }>) => void;
  'chat:switch': (p: ClientPayload<'chat:switch'>, ack: AckFn<{ position: number; etaSeconds: number | null; onShift: number }>) => void;
  'shift:start': (p: ClientPayload<'shift:start'>, ack: AckFn<{ shift: ShiftInfo }>) => void;
  'shift:end': (p: ClientPayload<'shift:end'>, ack: AckFn) => void;
  'chat:transfer': (p: ClientPayload<'chat:transfer'>, ack: AckFn) => void;
  'chat:escalate': (p: ClientPayload<'chat:escalate'>, ack: AckFn<{ flagId: string }>) => void;
  /** A crisis noticed by the specialist: the same path as detected crisis language (MOD2). */
  'chat:mark-urgent': (p: ClientPayload<'chat:mark-urgent'>, ack: AckFn<{ flagId: string }>) => void;
  /** CH9: may the next specialist read the conversation so far (default no). */
  'chat:handover': (p: ClientPayload<'chat:handover'>, ack: AckFn) => void;
  'flags:subscribe': (p: ClientPayload<'flags:subscribe'>, ack: AckFn<{ open: Flag[] }>) => void;
  /** Added (UX3): answered `{ok: true}` at once; an answer of any kind proves the connection alive. */
  heartbeat: (p: ClientPayload<'heartbeat'>, ack: AckFn) => void;
}

/**
 * CH9: what the next specialist is told of a chat handed over to them: the previous specialist's
 * note (moderated; null on a switch or a transfer without one), whether the seeker shared the
 * conversation so far, and (added) the previous specialist's display name and what passed it on.
 */
export interface HandoverInfo {
  note: string | null;
  shared: boolean;
  from: string | null;
  kind: 'transfer' | 'switch';
}

/** Why a seeker is back in the line: a transfer or a switch asks them about a handover (CH9). */
export type RequeueKind = 'switch' | 'transfer' | 'specialist_disconnected';

type EndedBy = 'seeker' | 'specialist' | 'moderator' | 'system';

/** Server → client events (SPEC §5). */
export interface ServerToClientEvents {
  /** MQ7: `etaSeconds` is null when no estimate is honest; `onShift: 0` means nobody is on shift. */
  'queue:update': (e: { sessionId: string; position: number; etaSeconds: number | null; onShift: number }) => void;
  'chat:matched': (e: { sessionId: string; specialist: { displayName: string } }) => void;
  /** `caution`: the seeker came from an address under a ban (MOD5); it may well be someone else. */
  'chat:assigned': (e: { sessionId: string; topic: string | null; seekerAlias: string; waitedSeconds: number; caution: boolean; handover?: HandoverInfo }) => void;
  /** Added to the contract (CH9): the seeker answered the handover question after the specialist joined. */
  'chat:handover': (e: { sessionId: string } & HandoverInfo) => void;
  'message:new': (m: Message) => void;
  'message:hidden': (e: { sessionId: string; messageId: string }) => void;
  typing: (e: { sessionId: string; sender: 'seeker' | 'specialist'; typing: boolean }) => void;
  /**
   * `graceSeconds` (added; on a seeker's `reconnecting`, to the specialist): how long they have to
   * come back before the chat ends (CH7), counted from this event. Absent from older servers.
   */
  'chat:peer': (e: { sessionId: string; peer: 'connected' | 'reconnecting' | 'left'; graceSeconds?: number }) => void;
  /**
   * `kind` (added; absent from a server of the version before): what sent them back. After a
   * transfer or a switch the seeker may answer `chat:handover`.
   */
  'chat:requeued': (e: { sessionId: string; position: number; reason: string; kind?: RequeueKind }) => void;
  'chat:ended': (e: { sessionId: string; endedBy: EndedBy; reason: string }) => void;
  /**
   * Added to the contract: a chat needs care now; for the specialist. `reason` says why in a few
   * words ("plan mentioned", "self-harm", "marked urgent by the specialist").
   */
  'chat:urgent': (e: { sessionId: string; reason: string; categories?: string[] }) => void;
  /**
   * Added to the contract: on connect, a specialist's socket learns the live chats it holds (after a
   * refresh or a reconnect), so a console can rebuild its tabs; then `chat:resume` each.
   */
  'chat:restore': (e: { chats: { sessionId: string; topic: string | null; seekerAlias: string; matchedAt: string | null }[] }) => void;
  'safety:resources': (e: { sessionId: string; resources: Resource[] }) => void;
  warning: (e: { sessionId: string; text: string }) => void;
  'shift:update': (e: ShiftInfo) => void;
  'queue:stats': (e: { waiting: number; onShift: number; byTopic: Record<string, number> }) => void;
  'flag:new': (f: Flag) => void;
  'flag:updated': (f: Flag) => void;
  /** Added (UX6): a moderator's note about a chat, to its specialist's connections only; never to the seeker. */
  'staff:note': (e: { id: string; sessionId: string; text: string; from: 'moderator'; at: string }) => void;
}
