import type { ServerToClientEvents } from '../../protocol/events.js';

export type EventName = keyof ServerToClientEvents;
export type EventArgs<E extends EventName> = Parameters<ServerToClientEvents[E]>;

/** Who to put in or take out of a session's room: every connection of these identities. */
export interface SessionMembers {
  seekerId?: string;
  staffId?: string;
}

/**
 * How the core reaches people, on whatever node their connections are. Implemented by the socket
 * transport over rooms (`seeker:<id>`, `staff:<id>`, `session:<id>`); the core never sees a socket.
 */
export interface ChatEvents {
  toSeeker<E extends EventName>(seekerId: string, event: E, ...args: EventArgs<E>): void;
  toStaff<E extends EventName>(staffId: string, event: E, ...args: EventArgs<E>): void;
  /** Every connection of these identities, as one event (one broadcast, however many rooms). */
  toMembers<E extends EventName>(members: SessionMembers, event: E, ...args: EventArgs<E>): void;
  toSession<E extends EventName>(sessionId: string, event: E, ...args: EventArgs<E>): void;
  /** Every connected moderator and admin, on any node. */
  toModerators<E extends EventName>(event: E, ...args: EventArgs<E>): void;
  /** Close every connection of these identities (ban, disabled account). */
  disconnect(members: SessionMembers): void;
  joinSession(sessionId: string, members: SessionMembers): void;
  leaveSession(sessionId: string, members: SessionMembers): void;
}
