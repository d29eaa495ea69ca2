import type { ChatEvents, EventArgs, EventName, SessionMembers } from '../../core/ports/chat-events.js';
import type { PeerlineIo } from '../http/context.js';

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** Moderators and admins who sent flags:subscribe. */
export const MODERATORS_ROOM = 'moderators';

const memberRooms = (m: SessionMembers): string[] => [
  ...(m.seekerId ? [`seeker:${m.seekerId}`] : []),
  ...(m.staffId ? [`staff:${m.staffId}`] : []),
];

/** ChatEvents over Socket.IO rooms; with the Redis adapter every call reaches every node. */
export function roomEvents(io: PeerlineIo): ChatEvents {
  const emit = <E extends EventName>(room: string, event: E, args: EventArgs<E>) =>
    (io.to(room).emit as (e: string, ...a: unknown[]) => boolean)(event, ...args);
  return {
    toSeeker: (seekerId, event, ...args) => emit(`seeker:${seekerId}`, event, args),
    toStaff: (staffId, event, ...args) => emit(`staff:${staffId}`, event, args),
    toSession: (sessionId, event, ...args) => emit(sessionRoom(sessionId), event, args),
    toSessionHere: (sessionId, event, ...args) => (io.local.to(sessionRoom(sessionId)).emit as (e: string, ...a: unknown[]) => boolean)(event, ...args),
    toModerators: (event, ...args) => emit(MODERATORS_ROOM, event, args),
    disconnect: (members) => {
      const rooms = memberRooms(members);
      if (rooms.length) io.in(rooms).disconnectSockets(true);
    },
    joinSession: (sessionId, members) => {
      const rooms = memberRooms(members);
      if (rooms.length) io.in(rooms).socketsJoin(sessionRoom(sessionId));
    },
    leaveSession: (sessionId, members) => {
      const rooms = memberRooms(members);
      if (rooms.length) io.in(rooms).socketsLeave(sessionRoom(sessionId));
    },
  };
}
