import type { Role } from '../../protocol/staff.js';

/** Who is acting: an anonymous seeker or a staff member, as identified at the handshake. */
export type Actor =
  | { kind: 'seeker'; seekerId: string; alias: string; caution?: boolean }
  | { kind: 'staff'; staffId: string; role: Role; displayName: string };

/** The presence key of an actor; also the name of their room (`seeker:<id>`, `staff:<id>`). */
export const actorKey = (actor: Actor): string => (actor.kind === 'seeker' ? `seeker:${actor.seekerId}` : `staff:${actor.staffId}`);
