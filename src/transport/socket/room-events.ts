import type { ChatEvents, EventArgs, EventName, SessionMembers } from '../../core/ports/chat-events.js';
import type { PeerlineIo } from '../http/context.js';
import { EVENT, deliverEncoded, type LocalRooms } from './encoded-delivery.js';
import { localInOrder } from './local-first.js';
import { RIDING, type RidingChange } from './riding-joins.js';

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** Moderators and admins who sent flags:subscribe. */
export const MODERATORS_ROOM = 'moderators';

const memberRooms = (m: SessionMembers): string[] => [
  ...(m.seekerId ? [`seeker:${m.seekerId}`] : []),
  ...(m.staffId ? [`staff:${m.staffId}`] : []),
];

/**
 * ChatEvents over Socket.IO rooms; with the Redis adapter every call reaches every node. A join or
 * leave of a session room waits for the rest of the tick: the next event to one of its members'
 * rooms carries it (riding-joins.ts), or, if none comes, it goes alone at the end of the tick, as
 * before. An event to the session's own room sends what waits for that room first, so nothing
 * changes order.
 */
export function roomEvents(io: PeerlineIo): ChatEvents {
  const adapter = io.of('/').adapter;
  const inOrder = localInOrder(adapter);
  let waiting: RidingChange[] = [];
  let scheduled = false;
  const alone = ([join, room, rooms]: RidingChange) => (join ? io.in(rooms).socketsJoin(room) : io.in(rooms).socketsLeave(room));
  const sendWaiting = (which: (change: RidingChange) => boolean) => {
    const now = waiting.filter(which);
    if (now.length === 0) return;
    waiting = waiting.filter((change) => !which(change));
    now.forEach(alone);
  };
  const wait = (change: RidingChange) => {
    if (change[2].length === 0) return;
    waiting.push(change);
    if (scheduled) return;
    scheduled = true;
    process.nextTick(() => {
      scheduled = false;
      sendWaiting(() => true);
    });
  };
  const emit = <E extends EventName>(rooms: string | string[], event: E, args: EventArgs<E>) => {
    const to = typeof rooms === 'string' ? [rooms] : rooms;
    if (to.length === 0) return false;
    const riding = waiting.filter((change) => change[2].some((room) => to.includes(room)));
    if (riding.length === 0) return (io.to(to).emit as (e: string, ...a: unknown[]) => boolean)(event, ...args);
    waiting = waiting.filter((change) => !riding.includes(change));
    adapter.broadcast({ type: EVENT, data: [event, ...args], nsp: '/' }, { rooms: new Set(to), except: new Set(), flags: { [RIDING]: riding } as never });
    return true;
  };
  const ofSession = (sessionId: string) => {
    const room = sessionRoom(sessionId);
    sendWaiting((change) => change[1] === room);
    return room;
  };
  return {
    toSeeker: (seekerId, event, ...args) => emit(`seeker:${seekerId}`, event, args),
    toStaff: (staffId, event, ...args) => emit(`staff:${staffId}`, event, args),
    toMembers: (members, event, ...args) => emit(memberRooms(members), event, args),
    toSession: (sessionId, event, ...args) => emit(ofSession(sessionId), event, args),
    toSessionHere: (sessionId, event, ...args) => {
      const room = ofSession(sessionId);
      // Encoded once, as io.local.to(room).emit would, and written to the room's connections.
      const encoded = io.encoder.encode({ type: EVENT, nsp: '/', data: [event, ...args] }) as unknown[];
      inOrder(() => deliverEncoded(adapter as unknown as LocalRooms, room, encoded));
    },
    toModerators: (event, ...args) => emit(MODERATORS_ROOM, event, args),
    disconnect: (members) => {
      const rooms = memberRooms(members);
      if (rooms.length) io.in(rooms).disconnectSockets(true);
    },
    joinSession: (sessionId, members) => wait([1, sessionRoom(sessionId), memberRooms(members)]),
    leaveSession: (sessionId, members) => wait([0, sessionRoom(sessionId), memberRooms(members)]),
  };
}
