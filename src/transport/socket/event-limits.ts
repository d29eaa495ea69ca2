import { actorKey, type Actor } from '../../core/chat/actor.js';
import type { RateDecision, RateLimiter, RateLimiterFactory } from '../../core/ports/rate-limiter.js';
import type { ClientEvent } from '../../protocol/events.js';

const WINDOW_S = 10;

/**
 * Each event's budget per identity per 10 s, as a multiple of RATE_MESSAGES, so one setting paces
 * an identity and raising it for a busy service raises the rest alike (20 → typing 50, resume 60,
 * heartbeat 100, any other event 30). Typing is sent as a person types, in each of their chats;
 * chat:resume by every tab for every chat after a reconnect (a specialist's tabs × 5 chats);
 * heartbeat by every tab every 2 s (UX3; at the default, MAX_SOCKETS_PER_IDENTITY tabs fit twice
 * over). A heartbeat refused is still an answer, all it asks for: its budget never shows a working
 * connection as lost.
 */
const SHARE: Partial<Record<ClientEvent, number>> = { typing: 2.5, 'chat:resume': 3, heartbeat: 5 };
const DEFAULT_SHARE = 1.5;

/** `event`'s budget per identity per 10 s when RATE_MESSAGES is `messagesPer10s`. */
export const eventBudget = (event: ClientEvent, messagesPer10s: number): number => Math.ceil(messagesPer10s * (SHARE[event] ?? DEFAULT_SHARE));

/**
 * Spends one point of `event`'s budget for `identity`, all its sockets on every node together
 * (SEC2), or answers undefined for message:send, whose budget (RATE_MESSAGES) the message service
 * spends itself.
 */
export type EventLimit = (event: ClientEvent, identity: Actor) => Promise<RateDecision> | undefined;

export function eventLimits(limiters: RateLimiterFactory, messagesPer10s: number): EventLimit {
  // One limiter per event that has a handler: a bounded map.
  const byEvent = new Map<ClientEvent, RateLimiter>();
  const limiterOf = (event: ClientEvent) => {
    let limiter = byEvent.get(event);
    if (!limiter) byEvent.set(event, (limiter = limiters(`event:${event}`, eventBudget(event, messagesPer10s), WINDOW_S, { blockWhenOver: true })));
    return limiter;
  };
  return (event, identity) => (event === 'message:send' ? undefined : limiterOf(event).consume(actorKey(identity)));
}
