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
  /** Set with more than one node: every event also goes, as an envelope, to the other nodes. */
  stream?: NodeStream;
  /** A publish that failed (Redis down): the other nodes miss the event; this node delivered it. */
  onPublishError?: (err: unknown) => void;
}

/**
 * ChatEvents over Socket.IO rooms (`seeker:<id>`, `staff:<id>`, `session:<id>`). Each event is
 * delivered to this node's connections at once (`io.local`) and, with a stream, published to the
 * other nodes, which deliver it to theirs when they read it (applyEnvelope). Joins, leaves and
 * events travel on the one stream, so every node applies them in the order they were made: a
 * member joins a chat's room before its first message reaches that room (CH1). `message:new` is
 * not published here: the live history's append announced it already, in the same step as it
 * stored it (MessageAnnouncer), so other nodes get messages in seq order.
 */
export function roomEvents(io: PeerlineIo, options: RoomEventsOptions = {}): ChatEvents {
  const { stream } = options;
  const publish = (entry: () => string) => {
    if (stream) stream.publish(entry()).catch((err: unknown) => options.onPublishError?.(err));
  };
  const emit = <E extends EventName>(rooms: string[], event: E, args: EventArgs<E>) => {
    if (rooms.length === 0) return;
    (io.local.to(rooms).emit as (e: string, ...a: unknown[]) => boolean)(event, ...args);
    if (event !== 'message:new') publish(() => encodeEnvelope(stream!.node, 'emit', { rooms, event, args }));
  };
  const change = (kind: 'join' | 'leave', room: string, members: string[]) => {
    if (members.length === 0) return;
    if (kind === 'join') io.local.in(members).socketsJoin(room);
    else io.local.in(members).socketsLeave(room);
    publish(() => encodeEnvelope(stream!.node, kind, { room, members }));
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
      io.local.in(rooms).disconnectSockets(true);
      publish(() => encodeEnvelope(stream!.node, 'disconnect', { rooms }));
    },
    joinSession: (sessionId, members) => change('join', sessionRoom(sessionId), memberRooms(members)),
    leaveSession: (sessionId, members) => change('leave', sessionRoom(sessionId), memberRooms(members)),
  };
}

/**
 * What another node published, applied to this node's connections; this node's own entries were
 * delivered when they were made. Returns why an entry was skipped, if it was (for a metric).
 */
export function applyEnvelope(io: PeerlineIo, node: string, entry: string): SkipReason | undefined {
  const envelope: NodeEnvelope | { skipped: SkipReason } = decodeEnvelope(entry);
  if ('skipped' in envelope) return envelope.skipped;
  if (envelope.node === node) return undefined;
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
