/** The broadcast flag that carries session-room joins and leaves with an event (see rideAlong). */
export const RIDING = 'plRooms';

/** One join (1) or leave (0) of a session room, for every connection in some identity rooms. */
export type RidingChange = [join: 0 | 1, sessionRoom: string, memberRooms: string[]];

/** The parts of socket.io-adapter's in-memory adapter (the base of every adapter) this uses. */
interface LocalAdapter {
  rooms: Map<string, Set<string>>;
  addAll(id: string, rooms: Set<string>): void;
  del(id: string, room: string): void;
  apply(opts: { flags?: Record<string, unknown> }, callback: (socket: unknown) => void): void;
}

/**
 * Joins and leaves of a session room travel with the event that announces them (`chat:matched`,
 * `chat:ended`) instead of as adapter entries of their own, which every node read and decoded:
 * two of the seven entries a chat made (SPEC P4). Each node applies the change to its own
 * connections just before it delivers the event, at the same place in the stream's order as the
 * entry it replaces. Patches the adapter's `apply`, which every local delivery goes through, on
 * whichever node the event is delivered (the one that emits it and every other one).
 */
export function rideAlong(adapter: unknown): void {
  const a = adapter as LocalAdapter;
  const apply = a.apply.bind(a);
  a.apply = (opts, callback) => {
    const riding = opts.flags?.[RIDING] as RidingChange[] | undefined;
    if (riding) {
      for (const [join, sessionRoom, memberRooms] of riding) {
        for (const room of memberRooms) {
          for (const id of a.rooms.get(room) ?? []) {
            if (join) a.addAll(id, new Set([sessionRoom]));
            else a.del(id, sessionRoom);
          }
        }
      }
    }
    apply(opts, callback);
  };
}
