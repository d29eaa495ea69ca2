import type { RequeueKind } from '../../../src/protocol/events.js';

/** CH9: the handover question after a transfer or a switch; `answer` null until the seeker chooses. */
export interface HandoverAsk {
  answer: boolean | null;
}

/** Only a transfer or a switch hands the chat on with a choice; a specialist's lost connection does not. */
export const asksHandover = (kind: RequeueKind | undefined): boolean => kind === 'transfer' || kind === 'switch';

export const HANDOVER_QUESTION = 'Can the next person read our conversation so far, so you don’t have to repeat yourself?';

/** What the new specialist can see, said plainly where the question was, once answered. */
export const answeredStatus = (share: boolean): string =>
  share ? 'The next specialist can read your conversation so far.' : 'The next specialist will only see new messages.';

/** The same, in the chat's history, where "they" would not be clear. */
export const answeredNotice = (share: boolean): string =>
  share ? 'You chose to share: the new specialist can read your conversation so far.' : 'You chose to start fresh: the new specialist will only see new messages.';

/** Why the seeker is back in the line, in plain words. */
export function requeuedNotice(kind: RequeueKind): string {
  if (kind === 'switch') return 'We are finding someone else for you.';
  if (kind === 'transfer') return 'Your specialist is passing you to a colleague. You are first in line.';
  return 'Your specialist could not continue. You are first in line for the next one.';
}
