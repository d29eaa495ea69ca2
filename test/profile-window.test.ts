import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { windowTimes } from '../load-tests/lib/profile-summary.mjs';

// P1's diagnostic (load-tests/profile-diff.mjs) counts only the samples a profile took during one
// step of load, so start-up, set-up and shutdown stay out of its per-message figures.
const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0, columnNumber: 0, scriptId: '0' });
const profile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 4] },
    { id: 2, callFrame: frame('send', 'file:///app/dist/src/core/chat/message-service.js'), children: [3] },
    { id: 3, callFrame: frame('parse', 'file:///app/node_modules/zod/index.js') },
    { id: 4, callFrame: frame('(idle)') },
  ],
  startTime: 1_000,
  samples: [3, 3, 2, 4, 3, 2],
  timeDeltas: [100, 100, 100, 100, 100, 100],
};

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('profile window', () => {
  it('[P1] counts only the samples inside the window: busy, self time by function, and Peerline functions inclusive', () => {
    dir = mkdtempSync(join(tmpdir(), 'profile-window-'));
    writeFileSync(join(dir, 'a.cpuprofile'), JSON.stringify(profile));
    // Samples at 1100 (parse), 1200 (parse), 1300 (send), 1400 (idle), 1500 (parse), 1600 (send).
    const t = windowTimes(dir, 1_150, 1_450);
    expect(t.busy).toBe(200);
    expect(Object.fromEntries(t.self)).toEqual({ 'parse zod:1': 100, 'send peerline core/chat/message-service.js:1': 100 });
    expect(Object.fromEntries(t.own)).toEqual({ 'send peerline core/chat/message-service.js:1': 200 });
    expect(windowTimes(dir, 0, 10_000).busy).toBe(500);
  });
});
