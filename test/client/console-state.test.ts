import { describe, expect, it } from 'vitest';
import {
  awaitingReplySince,
  endedAnnouncement,
  endedWords,
  justBack,
  LONG_WAIT_S,
  minutesWords,
  offlineWords,
  topicLabel,
  waitingSeconds,
} from '../../client/src/specialist/chat-status.js';
import { consoleReducer, emptyConsole, totalUnread, urgentLabel, urgentSigns, type ConsoleAction } from '../../client/src/specialist/console-state.js';
import { addOpener, loadAlerts, loadOpeners, MAX_OPENERS, saveAlerts, saveOpeners, STARTER_OPENERS, type PrefStore } from '../../client/src/specialist/device-prefs.js';
import { isMarkUrgent } from '../../client/src/specialist/shortcut.js';
import type { Message } from '../../src/protocol/messages.js';

const T0 = Date.parse('2031-01-01T00:00:00Z');
const msg = (sessionId: string, seq: number): Message => ({ id: `${sessionId}-${seq}`, sessionId, seq, sender: 'seeker', text: 'hi', sentAt: '2031-01-01T00:00:00Z', redacted: false });
/** A delivered message `afterS` seconds after T0. */
const said = (sender: Message['sender'], seq: number, afterS: number, extra: Partial<Message> = {}): ConsoleAction => ({
  type: 'chat',
  sessionId: 'a',
  action: { type: 'message', seen: true, message: { id: `a-${seq}`, sessionId: 'a', seq, sender, text: 'x', sentAt: new Date(T0 + afterS * 1000).toISOString(), redacted: false, ...extra } },
});
const oneChat = (...actions: ConsoleAction[]) => run([{ type: 'assigned', sessionId: 'a', alias: 'Quiet Heron', topic: null, at: T0 }, ...actions]).tabs[0]!;
/** An in-memory localStorage. */
const memoryStore = (): PrefStore & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};
const run = (actions: ConsoleAction[]) => actions.reduce(consoleReducer, emptyConsole);

describe('specialist console state (client)', () => {
  it('[MQ1] opens a tab per chat; the first is selected, later ones count unread', () => {
    const s = run([
      { type: 'assigned', sessionId: 'a', alias: 'Quiet Heron', topic: null, at: T0 },
      { type: 'assigned', sessionId: 'b', alias: 'Calm Otter', topic: 'grief', at: T0 },
      { type: 'chat', sessionId: 'a', action: { type: 'message', message: msg('a', 1), seen: true } },
      { type: 'chat', sessionId: 'b', action: { type: 'message', message: msg('b', 1), seen: true } },
    ]);
    expect(s.tabs.map((t) => t.alias)).toEqual(['Quiet Heron', 'Calm Otter']);
    expect(s.active).toBe('a');
    expect(s.tabs.map((t) => t.chat.unread)).toEqual([0, 1]);
    expect(totalUnread(s)).toBe(1);
    const read = consoleReducer(s, { type: 'select', sessionId: 'b' });
    expect(read.active).toBe('b');
    expect(totalUnread(read)).toBe(0);
  });

  it('marks a chat urgent, and a restore of a known chat keeps its messages', () => {
    const s = run([
      { type: 'assigned', sessionId: 'a', alias: 'Quiet Heron', topic: null, at: T0 },
      { type: 'chat', sessionId: 'a', action: { type: 'message', message: msg('a', 1), seen: true } },
      { type: 'chat', sessionId: 'a', action: { type: 'urgent' } },
      { type: 'assigned', sessionId: 'a', alias: 'Quiet Heron', topic: null, at: T0 },
    ]);
    expect(s.tabs).toHaveLength(1);
    expect(s.tabs[0]!.chat.urgent).toBe(true);
    expect(s.tabs[0]!.chat.lastSeq).toBe(1);
  });

  it('[MOD2] the urgent marker says why, each reason once, with the detector\'s categories', () => {
    const s = run([
      { type: 'assigned', sessionId: 'a', alias: 'Quiet Heron', topic: null, at: T0 },
      { type: 'chat', sessionId: 'a', action: { type: 'urgent' } },
      { type: 'chat', sessionId: 'a', action: { type: 'urgent', reason: 'plan mentioned', categories: ['plan', 'means'] } },
      { type: 'chat', sessionId: 'a', action: { type: 'urgent', reason: 'plan mentioned', categories: ['means'] } },
      { type: 'chat', sessionId: 'a', action: { type: 'urgent', reason: 'self-harm' } },
    ]);
    const chat = s.tabs[0]!.chat;
    expect(urgentLabel(chat)).toBe('Urgent: plan mentioned, self-harm');
    expect(chat.urgentSigns).toEqual(['plan', 'means']);
    // A sign its reason already names is not said twice ("plan mentioned" · plan).
    expect(urgentSigns(chat)).toEqual(['means']);
    expect(urgentLabel(run([{ type: 'assigned', sessionId: 'b', alias: 'B', topic: null, at: T0 }, { type: 'chat', sessionId: 'b', action: { type: 'urgent' } }]).tabs[0]!.chat)).toBe('Urgent');
  });

  it('[MOD2] Alt+U marks urgent by the key\'s place (a Mac types "¨"), and nothing else does', () => {
    const key = (code: string, mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {}) => ({ altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, code, ...mods });
    expect(isMarkUrgent(key('KeyU', { altKey: true }))).toBe(true);
    expect(isMarkUrgent(key('KeyU'))).toBe(false);
    expect(isMarkUrgent(key('KeyU', { altKey: true, ctrlKey: true }))).toBe(false);
    expect(isMarkUrgent(key('KeyY', { altKey: true }))).toBe(false);
  });

  it('closing the selected tab selects the next; events for unknown chats change nothing', () => {
    const s = run([
      { type: 'assigned', sessionId: 'a', alias: 'A', topic: null, at: T0 },
      { type: 'assigned', sessionId: 'b', alias: 'B', topic: null, at: T0 },
      { type: 'close', sessionId: 'a' },
    ]);
    expect(s.active).toBe('b');
    expect(consoleReducer(s, { type: 'chat', sessionId: 'zzz', action: { type: 'urgent' } })).toBe(s);
  });

  it('[UX5] the wait for a reply counts from the first unanswered seeker message; nothing when the specialist spoke last', () => {
    // Not greeted yet: the seeker waits from when the chat came here.
    expect(awaitingReplySince(oneChat())).toBe(T0);
    const greeted = oneChat(said('specialist', 1, 10));
    expect(awaitingReplySince(greeted)).toBeNull();
    expect(waitingSeconds(greeted, T0 + 600_000)).toBeNull();
    // They write twice: the clock runs from the first, not the latest.
    const waiting = oneChat(said('specialist', 1, 10), said('seeker', 2, 20), said('system', 3, 25), said('seeker', 4, 200));
    expect(waitingSeconds(waiting, T0 + 260_000)).toBe(240);
    expect(waitingSeconds(waiting, T0 + 260_000)! >= LONG_WAIT_S).toBe(true);
    // A reply clears it; the next seeker message starts again.
    const answered = oneChat(said('specialist', 1, 10), said('seeker', 2, 20), said('specialist', 3, 30));
    expect(awaitingReplySince(answered)).toBeNull();
    expect(awaitingReplySince(oneChat(said('specialist', 1, 10), said('seeker', 2, 20), said('specialist', 3, 30), said('seeker', 4, 90)))).toBe(T0 + 90_000);
    // A clock a little behind the server's never shows a negative wait.
    expect(waitingSeconds(oneChat(said('specialist', 1, 10), said('seeker', 2, 20)), T0)).toBe(0);
  });

  it('[UX5] a reply that failed is no answer, one on its way is; an earlier specialist\'s words do not greet for this one; an ended chat waits for nobody', () => {
    const base: ConsoleAction[] = [said('specialist', 1, 10), said('seeker', 2, 20)];
    const sending: ConsoleAction = { type: 'chat', sessionId: 'a', action: { type: 'sending', clientMsgId: 'c1', text: 'here', sender: 'specialist', at: new Date(T0 + 30_000).toISOString() } };
    expect(awaitingReplySince(oneChat(...base, sending))).toBeNull();
    const failed: ConsoleAction = { type: 'chat', sessionId: 'a', action: { type: 'send-failed', clientMsgId: 'c1', reason: 'offline' } };
    expect(awaitingReplySince(oneChat(...base, sending, failed))).toBe(T0 + 20_000);
    // CH9: a handed-over chat whose earlier part ends with the previous specialist still waits for this one's hello.
    const handedOver = oneChat(said('seeker', 1, -300, { earlier: true }), said('specialist', 2, -200, { earlier: true }));
    expect(awaitingReplySince(handedOver)).toBe(T0);
    expect(awaitingReplySince(oneChat(said('seeker', 1, 20), { type: 'chat', sessionId: 'a', action: { type: 'ended', endedBy: 'seeker', reason: '' } }))).toBeNull();
  });

  it('[UX5] waits read in minutes; past three the chat is marked', () => {
    expect([0, 59, 60, 179, 180, 3_599, 3_900].map(minutesWords)).toEqual(['<1 min', '<1 min', '1 min', '2 min', '3 min', '59 min', '1 h 5 min']);
    expect(LONG_WAIT_S).toBe(180);
  });

  it('[UX5] the topic by its label, "Any topic" when none, its id only if the label is gone', () => {
    const topics = [{ id: 'low-mood', label: 'Low mood' }];
    expect(topicLabel('low-mood', topics)).toBe('Low mood');
    expect(topicLabel(null, topics)).toBe('Any topic');
    expect(topicLabel('retired-topic', topics)).toBe('retired-topic');
  });

  it('[UX5] [CH7] a seeker offline: the time left counts from the drop; back online shows for a while, then goes', () => {
    const dropped = oneChat({ type: 'peer', sessionId: 'a', peer: 'reconnecting', at: T0, graceSeconds: 120 });
    expect(dropped.chat.peer).toBe('reconnecting');
    expect(offlineWords(dropped, T0)).toBe('they have 2 min to come back');
    expect(offlineWords(dropped, T0 + 61_000)).toBe('they have less than a minute to come back');
    expect(offlineWords(dropped, T0 + 121_000)).toBe('the chat is about to end');
    // A second "reconnecting" (another of their connections) does not restart the count.
    const again = consoleReducer({ tabs: [dropped], active: 'a' }, { type: 'peer', sessionId: 'a', peer: 'reconnecting', at: T0 + 30_000, graceSeconds: 120 }).tabs[0]!;
    expect(again.away).toEqual({ at: T0, graceSeconds: 120 });
    // An older server sends no grace: no number is made up.
    expect(offlineWords(oneChat({ type: 'peer', sessionId: 'a', peer: 'reconnecting', at: T0 }), T0)).toBe('the chat ends if they do not come back soon');
    const back = consoleReducer({ tabs: [again], active: 'a' }, { type: 'peer', sessionId: 'a', peer: 'connected', at: T0 + 40_000 }).tabs[0]!;
    expect(offlineWords(back, T0 + 40_000)).toBeNull();
    expect(justBack(back, T0 + 41_000)).toBe(true);
    expect(justBack(back, T0 + 80_000)).toBe(false);
    // "connected" without a drop (a second device) is no return.
    expect(justBack(oneChat({ type: 'peer', sessionId: 'a', peer: 'connected', at: T0 }), T0)).toBe(false);
  });

  it('[UX4] an end is announced in other words than its banner, so the page never repeats a line', () => {
    for (const by of ['seeker', 'specialist', 'moderator', 'system']) {
      expect(endedAnnouncement('Quiet Heron', by)).toContain('Quiet Heron');
      expect(endedAnnouncement('Quiet Heron', by).toLowerCase()).not.toContain(endedWords(by).toLowerCase());
    }
  });

  it('[UX5] alerts are on unless turned off on this device, per staff account', () => {
    const store = memoryStore();
    expect(loadAlerts(store, 'staff-1')).toBe(true);
    expect(loadAlerts(null, 'staff-1')).toBe(true);
    saveAlerts(store, 'staff-1', false);
    expect(loadAlerts(store, 'staff-1')).toBe(false);
    expect(loadAlerts(store, 'staff-2')).toBe(true);
    saveAlerts(store, 'staff-1', true);
    expect(loadAlerts(store, 'staff-1')).toBe(true);
  });

  it('[UX5] openers: a starter set of three, each deletable, added once and within limits, kept per account', () => {
    const store = memoryStore();
    expect(loadOpeners(store, 'staff-1')).toEqual(STARTER_OPENERS);
    expect(STARTER_OPENERS).toHaveLength(3);
    saveOpeners(store, 'staff-1', []);
    expect(loadOpeners(store, 'staff-1')).toEqual([]);
    expect(loadOpeners(store, 'staff-2')).toEqual(STARTER_OPENERS);
    const one = addOpener([], '  Good evening.  ');
    expect(one).toEqual(['Good evening.']);
    expect(addOpener(one, 'Good evening.')).toEqual(one);
    expect(addOpener(one, '   ')).toEqual(one);
    expect(addOpener(one, 'x'.repeat(501))).toEqual(one);
    const full = Array.from({ length: MAX_OPENERS }, (_, i) => `opener ${i}`);
    expect(addOpener(full, 'one more')).toEqual(full);
    // Whatever else is stored under the key is read safely.
    store.data.set('peerline.console.staff-3.openers', '{not json');
    expect(loadOpeners(store, 'staff-3')).toEqual(STARTER_OPENERS);
    store.data.set('peerline.console.staff-3.openers', JSON.stringify(['ok', 3, '']));
    expect(loadOpeners(store, 'staff-3')).toEqual(['ok']);
  });
});
