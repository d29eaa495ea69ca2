import { describe, expect, it } from 'vitest';
import { connectionReducer, connectionText, type ConnectionState } from '../../client/src/shared/connection.js';
import { byUrgency, upsertOpen } from '../../client/src/moderator/flag-order.js';
import { queueText } from '../../client/src/seeker/eta.js';
import { NEUTRAL_URL, quickExit, shiftTripleDetector } from '../../client/src/seeker/quick-exit.js';
import type { Flag } from '../../src/protocol/events.js';

describe('quick exit (client)', () => {
  it('fires on the third Shift within the window, not on slower presses, repeats or other keys', () => {
    const detect = shiftTripleDetector(1_500);
    expect([detect('Shift', 0), detect('Shift', 400), detect('Shift', 800)]).toEqual([false, false, true]);
    const slow = shiftTripleDetector(1_500);
    expect([slow('Shift', 0), slow('Shift', 1_000), slow('Shift', 2_000)]).toEqual([false, false, false]);
    const held = shiftTripleDetector(1_500);
    expect([held('Shift', 0), held('Shift', 50, true), held('Shift', 100, true)]).toEqual([false, false, false]);
    const typed = shiftTripleDetector(1_500);
    expect([typed('Shift', 0), typed('Shift', 100), typed('a', 150), typed('Shift', 200)]).toEqual([false, false, false, false]);
  });

  it('blanks first, clears storage, ends the chat, then navigates, even when the server never answers', async () => {
    const steps: string[] = [];
    await quickExit(
      {
        blank: () => steps.push('blank'),
        clearStorage: () => steps.push('clear'),
        leaveChat: () => new Promise(() => steps.push('leave')),
        navigate: (url) => steps.push(`go ${url}`),
      },
      20,
    );
    expect(steps).toEqual(['blank', 'clear', 'leave', 'clear', `go ${NEUTRAL_URL}`]);
  });
});

describe('reconnect feedback (client)', () => {
  it('goes reconnecting on a drop, counts attempts, online again on connect; a kick is final', () => {
    let s: ConnectionState = { status: 'connecting' };
    s = connectionReducer(s, { type: 'connect' });
    expect(connectionText(s)).toBeNull();
    s = connectionReducer(s, { type: 'disconnect', willRetry: true });
    s = connectionReducer(s, { type: 'attempt', attempt: 3 });
    expect(s).toEqual({ status: 'reconnecting', attempt: 3 });
    expect(connectionText(s)).toMatch(/Reconnecting \(attempt 3\)/);
    expect(connectionReducer(s, { type: 'connect' })).toEqual({ status: 'online' });
    const kicked = connectionReducer({ status: 'online' }, { type: 'disconnect', willRetry: false });
    expect(kicked.status).toBe('refused');
    expect(connectionReducer(kicked, { type: 'attempt', attempt: 2 })).toBe(kicked);
  });
});

describe('queue words (client)', () => {
  const on = (position: number | null, etaSeconds: number | null, onShift: number | null = 2) => queueText({ position, etaSeconds, onShift });

  it('[MQ7] says the place and a rounded wait', () => {
    expect(on(1, 0)).toEqual({ nobodyOnShift: false, place: 'You are next in line.', wait: 'We are connecting you as soon as someone is free.' });
    expect(on(4, 150)).toEqual({ nobodyOnShift: false, place: 'You are number 4 in line.', wait: 'Expected wait: about 3 minutes.' });
    expect(on(2, 30).wait).toBe('Expected wait: under a minute.');
  });

  it('[UX2] with nobody on shift: says so in plain words, and shows no minutes whatever the estimate', () => {
    for (const eta of [null, 0, 45, 600]) {
      const words = on(1, eta, 0);
      expect(words.nobodyOnShift).toBe(true);
      expect(words.place).toBe('You are first in line.');
      expect(`${words.place} ${words.wait}`).not.toMatch(/minute|next in line/);
    }
    expect(on(3, 600, 0).place).toBe('You are number 3 in line.');
  });

  it('[UX2] no honest estimate (null) or no place yet: no number of minutes', () => {
    expect(on(1, null).wait).not.toMatch(/\d|minute/);
    expect(on(null, 300).wait).not.toMatch(/\d|minute/);
    expect(on(null, 300).place).toBe('Finding your place in line…');
    // A server that does not send onShift yet: the estimate still shows.
    expect(on(2, 120, null).wait).toBe('Expected wait: about 2 minutes.');
  });
});

describe('moderator queue order (client)', () => {
  const flag = (id: string, severity: Flag['severity'], createdAt: string, status: Flag['status'] = 'open'): Flag => ({
    id, sessionId: 's', messageId: null, source: 'hook', severity, reason: 'r', status, excerpt: [], createdAt, resolvedAt: null, resolution: null, resolutionNote: null, crisis: false, chatLive: true, claimedBy: null,
  });
  it('puts high first, then oldest; a resolved update leaves the queue', () => {
    let open = [flag('a', 'low', '2031-01-01T00:00:00Z'), flag('b', 'high', '2031-01-01T00:00:02Z'), flag('c', 'high', '2031-01-01T00:00:01Z')].sort(byUrgency);
    expect(open.map((f) => f.id)).toEqual(['c', 'b', 'a']);
    open = upsertOpen(open, flag('d', 'medium', '2031-01-01T00:00:00Z'));
    expect(open.map((f) => f.id)).toEqual(['c', 'b', 'd', 'a']);
    open = upsertOpen(open, flag('b', 'high', '2031-01-01T00:00:02Z', 'resolved'));
    expect(open.map((f) => f.id)).toEqual(['c', 'd', 'a']);
  });
});
