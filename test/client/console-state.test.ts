import { describe, expect, it } from 'vitest';
import { consoleReducer, emptyConsole, totalUnread, urgentLabel, urgentSigns, type ConsoleAction } from '../../client/src/specialist/console-state.js';
import { isMarkUrgent } from '../../client/src/specialist/shortcut.js';
import type { Message } from '../../src/protocol/messages.js';

const msg = (sessionId: string, seq: number): Message => ({ id: `${sessionId}-${seq}`, sessionId, seq, sender: 'seeker', text: 'hi', sentAt: '2031-01-01T00:00:00Z', redacted: false });
const run = (actions: ConsoleAction[]) => actions.reduce(consoleReducer, emptyConsole);

describe('specialist console state (client)', () => {
  it('[MQ1] opens a tab per chat; the first is selected, later ones count unread', () => {
    const s = run([
      { type: 'assigned', sessionId: 'a', alias: 'Quiet Heron', topic: null },
      { type: 'assigned', sessionId: 'b', alias: 'Calm Otter', topic: 'grief' },
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
      { type: 'assigned', sessionId: 'a', alias: 'Quiet Heron', topic: null },
      { type: 'chat', sessionId: 'a', action: { type: 'message', message: msg('a', 1), seen: true } },
      { type: 'chat', sessionId: 'a', action: { type: 'urgent' } },
      { type: 'assigned', sessionId: 'a', alias: 'Quiet Heron', topic: null },
    ]);
    expect(s.tabs).toHaveLength(1);
    expect(s.tabs[0]!.chat.urgent).toBe(true);
    expect(s.tabs[0]!.chat.lastSeq).toBe(1);
  });

  it('[MOD2] the urgent marker says why, each reason once, with the detector\'s categories', () => {
    const s = run([
      { type: 'assigned', sessionId: 'a', alias: 'Quiet Heron', topic: null },
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
    expect(urgentLabel(run([{ type: 'assigned', sessionId: 'b', alias: 'B', topic: null }, { type: 'chat', sessionId: 'b', action: { type: 'urgent' } }]).tabs[0]!.chat)).toBe('Urgent');
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
      { type: 'assigned', sessionId: 'a', alias: 'A', topic: null },
      { type: 'assigned', sessionId: 'b', alias: 'B', topic: null },
      { type: 'close', sessionId: 'a' },
    ]);
    expect(s.active).toBe('b');
    expect(consoleReducer(s, { type: 'chat', sessionId: 'zzz', action: { type: 'urgent' } })).toBe(s);
  });
});
