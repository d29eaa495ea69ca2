import { AppError } from '../errors.js';
import type { Writer } from '../ports/live-history.js';
import type { MatchStore } from '../ports/match-store.js';
import type { Actor } from './actor.js';
import type { SessionRecord } from './types.js';

/** Whether the actor takes part in the session (the seeker, or the specialist now assigned). */
export const isParticipant = (actor: Actor, session: SessionRecord): boolean =>
  actor.kind === 'seeker' ? session.seekerId === actor.seekerId : session.specialistId === actor.staffId;

/** CH5: the session, if the actor takes part in it; NOT_FOUND otherwise, whether or not it exists. */
export async function sessionFor(store: MatchStore, actor: Actor, sessionId: string): Promise<SessionRecord> {
  const session = await store.get(sessionId);
  if (!session || !isParticipant(actor, session)) throw new AppError('NOT_FOUND', 'Chat not found');
  return session;
}

/** The actor as a participant the store checks in the same step as a write (CH5). */
export const writerOf = (actor: Actor): Writer => (actor.kind === 'seeker' ? { seekerId: actor.seekerId } : { staffId: actor.staffId });

/** The session field a writer is checked against, and the id it must hold (what the stores compare). */
export const writerField = (writer: Writer): ['seekerId' | 'specialistId', string] =>
  'seekerId' in writer ? ['seekerId', writer.seekerId] : ['specialistId', writer.staffId];

/** Whether `writer` takes part in the session (its seeker, or the specialist now assigned). */
export const isWriterOf = (writer: Writer, session: SessionRecord): boolean => {
  const [field, id] = writerField(writer);
  return session[field] === id;
};

/** The actor's side in a chat. */
export const senderOf = (actor: Actor): 'seeker' | 'specialist' => (actor.kind === 'seeker' ? 'seeker' : 'specialist');

export const ensureActive = (session: SessionRecord): void => {
  if (session.status === 'ended') throw new AppError('CONFLICT', 'This chat has ended');
  if (session.status !== 'active') throw new AppError('CONFLICT', 'This chat has not started yet');
};
