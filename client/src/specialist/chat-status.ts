import type { Topic } from '../../../src/protocol/http.js';
import type { Tab } from './console-state.js';

/** UX5: past this wait for a reply, a chat is marked to catch the eye. */
export const LONG_WAIT_S = 180;
/** UX5: how long "back online" stays after a seeker returns. */
export const BACK_SHOWN_MS = 30_000;

/** A topic's label for the console; "Any topic" when the seeker chose none, the id if the label is gone. */
export const topicLabel = (id: string | null, topics: readonly Topic[]): string => (id === null ? 'Any topic' : (topics.find((t) => t.id === id)?.label ?? id));

/**
 * Since when (epoch ms) the seeker has waited for this specialist to answer, or null when the
 * specialist spoke last. It counts from the first of the seeker's unanswered messages, so writing
 * again because nobody answered does not restart the clock; a chat not yet greeted waits from when
 * it came here. A specialist's message that failed to send is no answer; one on its way is.
 */
export function awaitingReplySince(tab: Tab): number | null {
  const { chat } = tab;
  if (chat.ended) return null;
  let since: number | null = null;
  let greeted = false;
  for (const item of chat.items) {
    if (item.kind !== 'message' || item.message.failed) continue;
    const m = item.message;
    if (m.sender === 'specialist') {
      since = null;
      greeted ||= !m.earlier;
    } else if (m.sender === 'seeker' && since === null) {
      since = Date.parse(m.sentAt);
    }
  }
  if (!greeted) return tab.since;
  return since === null ? null : Math.max(since, tab.since);
}

/** Seconds waited for a reply at `now`, or null when nobody is waiting. */
export function waitingSeconds(tab: Tab, now: number): number | null {
  const since = awaitingReplySince(tab);
  return since === null ? null : Math.max(0, Math.floor((now - since) / 1000));
}

/** "<1 min", "2 min", "1 h 5 min": minutes are enough, and change rarely enough to read. */
export function minutesWords(seconds: number): string {
  if (seconds < 60) return '<1 min';
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** The offline line: "they have 2 min to come back", or null while the seeker is connected. */
export function offlineWords(tab: Tab, now: number): string | null {
  if (!tab.away || tab.chat.ended) return null;
  if (tab.away.graceSeconds === null) return 'the chat ends if they do not come back soon';
  const left = tab.away.graceSeconds - (now - tab.away.at) / 1000;
  if (left <= 0) return 'the chat is about to end';
  return left < 60 ? 'they have less than a minute to come back' : `they have ${Math.ceil(left / 60)} min to come back`;
}

/** True for a short while after the seeker came back online. */
export const justBack = (tab: Tab, now: number): boolean => !tab.away && tab.backAt !== null && now - tab.backAt < BACK_SHOWN_MS && !tab.chat.ended;

const ENDED: Record<string, string> = { seeker: 'The seeker ended the chat.', specialist: 'You ended the chat.', moderator: 'A moderator ended the chat.', system: 'The chat ended (connection lost).' };

/** How a chat ended, in words, for its banner and its announcement. */
export const endedWords = (endedBy: string): string => ENDED[endedBy] ?? 'The chat ended.';

/** The announcement of an end, in other words than the banner's, so the page never says the same line twice. */
export function endedAnnouncement(alias: string, endedBy: string): string {
  if (endedBy === 'seeker') return `${alias} ended the chat.`;
  if (endedBy === 'specialist') return `Your chat with ${alias} has ended.`;
  if (endedBy === 'moderator') return `A moderator ended the chat with ${alias}.`;
  return `The chat with ${alias} ended: the connection was lost.`;
}
