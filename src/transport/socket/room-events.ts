import type { ChatEvents, EventArgs, EventName, SessionMembers } from '../../core/ports/chat-events.js';
import { decodeEnvelope, encodeEnvelope, type NodeEnvelope, type SkipReason } from '../../protocol/node-envelope.js';
import type { PeerlineIo } from '../http/context.js';

export const sessionRoom = (sessionId: string) => `session:${sessionId}`;
/** Moderators and admins who sent flags:subscribe. */
export const MODERATORS_ROOM = 'moderators';

const memberRooms = (m: SessionMembers): string[] => [
  ...(m.seekerId ? [`seeker:${m.seekerId}`] : []),
  ...(m.staffId ? [`staff:${m.staffId}`] : []),
];

/** The stream between nodes, as the transport uses it (RedisEventStream). */
export interface NodeStream {
  readonly node: string;
  publish(entry: string): Promise<unknown>;
}

export interface RoomEventsOptions {
  /** Set with Redis: every event goes through the stream, and every node delivers what it reads. */
  stream?: NodeStream;
  /** A publish that failed for good (Redis down): the event reaches no one. */
  onPublishError?: (err: unknown) => void;
}

/** Tries of a join, leave or disconnect, whose loss would leave a room wrong for the rest of a chat. */
const MEMBERSHIP_TRIES = [0, 100, 400];

/**
 * ChatEvents over Socket.IO rooms (`seeker:<id>`, `staff:<id>`, `session:<id>`). On one node
 * (no stream) an event goes to the rooms at once. With a stream, every event, join and leave is
 * published as an envelope, and every node, this one included, applies the entries as it reads
 * them (applyEnvelope): each node then delivers in the stream's one order, so a member joins a
 * chat's room before its next message, leaves it before the one after, and messages reach every
 * connection in seq order (CH1) wherever they were sent. `message:new` is not published here: the
 * live history's append announced it already, in the same step as it stored it.
 */
export function roomEvents(io: PeerlineIo, options: RoomEventsOptions = {}): ChatEvents {
  const { stream } = options;
  const publish = (entry: string, tries: readonly number[] = [0]) => {
    const attempt = (i: number): void => {
      stream!.publish(entry).catch((err: unknown) => {
        if (i + 1 < tries.length) setTimeout(() => attempt(i + 1), tries[i + 1]).unref();
        else options.onPublishError?.(err);
      });
    };
    attempt(0);
  };
  const emit = <E extends EventName>(rooms: string[], event: E, args: EventArgs<E>) => {
    if (rooms.length === 0) return;
    if (!stream) (io.to(rooms).emit as (e: string, ...a: unknown[]) => boolean)(event, ...args);
    else if (event !== 'message:new') publish(encodeEnvelope(stream.node, 'emit', { rooms, event, args }));
  };
  const change = (kind: 'join' | 'leave', room: string, members: string[]) => {
    if (members.length === 0) return;
    if (stream) publish(encodeEnvelope(stream.node, kind, { room, members }), MEMBERSHIP_TRIES);
    else if (kind === 'join') io.in(members).socketsJoin(room);
    else io.in(members).socketsLeave(room);
  };
  return {
    toSeeker: (seekerId, event, ...args) => emit([`seeker:${seekerId}`], event, args),
    toStaff: (staffId, event, ...args) => emit([`staff:${staffId}`], event, args),
    toMembers: (members, event, ...args) => emit(memberRooms(members), event, args),
    toSession: (sessionId, event, ...args) => emit([sessionRoom(sessionId)], event, args),
    toModerators: (event, ...args) => emit([MODERATORS_ROOM], event, args),
    disconnect: (members) => {
      const rooms = memberRooms(members);
      if (rooms.length === 0) return;
      if (stream) publish(encodeEnvelope(stream.node, 'disconnect', { rooms }), MEMBERSHIP_TRIES);
      else io.in(rooms).disconnectSockets(true);
    },
    joinSession: (sessionId, members) => change('join', sessionRoom(sessionId), memberRooms(members)),
    leaveSession: (sessionId, members) => change('leave', sessionRoom(sessionId), memberRooms(members)),
  };
}

/** An entry of the stream, applied to this node's connections; why it was skipped, if it was. */
export function applyEnvelope(io: PeerlineIo, entry: string): SkipReason | undefined {
  const envelope: NodeEnvelope | { skipped: SkipReason } = decodeEnvelope(entry);
  if ('skipped' in envelope) return envelope.skipped;
  const local = io.local;
  switch (envelope.kind) {
    case 'emit':
      (local.to(envelope.rooms).emit as (e: string, ...a: unknown[]) => boolean)(envelope.event, ...envelope.args);
      break;
    case 'message':
      local.to(sessionRoom(envelope.sessionId)).emit('message:new', envelope.message as never);
      break;
    case 'join':
      local.in(envelope.members).socketsJoin(envelope.room);
      break;
    case 'leave':
      local.in(envelope.members).socketsLeave(envelope.room);
      break;
    case 'disconnect':
      local.in(envelope.rooms).disconnectSockets(true);
      break;
  }
  return undefined;
}
