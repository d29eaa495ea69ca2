import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE } from '../../src/testing/browser.js';
import { checkPage, newPage, signInUi, skipBrowser, staffAccount, useWorld } from './fixture.js';
import { chatInBrowsers, startShift } from './helpers.js';
import { expectCrisisLinksInView, expectWhollyInView, shot } from './in-view.js';

describe.skipIf(skipBrowser)('web client in Chromium: waiting in line', { timeout: 60_000 }, () => {
  // A fresh service: nobody has started a shift yet.
  const w = useWorld();

  it('[UX2] nobody on shift: the seeker is told so plainly, sees the crisis lines as links and chooses to wait or leave; no minutes', async () => {
    const lines = (await fetch(`${w.base}/api/v1/resources`).then((r) => r.json())) as unknown[];
    const seeker = await newPage(w, PHONE, '/');
    await seeker.getByRole('button', { name: 'Talk to someone now' }).click();
    const notice = seeker.getByRole('heading', { level: 1, name: 'Nobody is on shift right now' });
    await notice.waitFor();
    await expectWhollyInView(seeker, notice, 'the nobody-on-shift heading');
    // Heard as well as seen: it is inside the live region with the place and the wait.
    expect(await seeker.getByRole('status').filter({ has: notice }).count()).toBe(1);
    await expectCrisisLinksInView(seeker, seeker.getByRole('region', { name: 'If you need someone now' }), lines.length, 'crisis lines in the queue');
    const keep = seeker.getByRole('button', { name: 'Keep waiting' });
    await expectWhollyInView(seeker, keep, 'Keep waiting');
    await expectWhollyInView(seeker, seeker.getByRole('button', { name: 'Leave the line' }), 'Leave the line');
    // No wait is promised that nobody can keep, and the place does not say "next".
    const words = await seeker.getByRole('status').filter({ has: notice }).innerText();
    expect(words).not.toMatch(/minute|next in line/i);
    expect(words).toContain('You are first in line.');
    expect(await seeker.locator('main').innerText()).not.toMatch(/Expected wait|\d+ minutes/);
    await shot(seeker, 'ux2-nobody-on-shift-phone');
    await checkPage(seeker, 'seeker-queue-nobody-on-shift-phone');

    await keep.click();
    const kept = seeker.getByText('You keep your place.', { exact: false });
    await kept.waitFor();
    expect(await seeker.evaluate('document.activeElement.textContent')).toContain('You keep your place.');
    await shot(seeker, 'ux2-keep-waiting-phone');

    // Someone starts a shift: the seeker who waited is the one they meet.
    const spec = await newPage(w, DESKTOP, '/specialist');
    await signInUi(spec, await staffAccount(w));
    await startShift(spec, 1);
    await seeker.getByRole('heading', { name: /Talking with/ }).waitFor();
  });

  it('[UX2] someone on shift but busy: place and wait agree on one screen, and the crisis lines are one tap away', async () => {
    await chatInBrowsers(w, 1);
    const seeker = await newPage(w, PHONE, '/');
    await seeker.getByRole('button', { name: 'Talk to someone now' }).click();
    const status = seeker.getByRole('status').filter({ hasText: /You are (next|number \d+) in line\./ });
    await status.waitFor();
    const words = await status.innerText();
    expect(words).not.toContain('Nobody is on shift');
    expect(words).toContain('Finding someone for you');
    // A place, then either an estimate or plainly none: never both, never "finding your place".
    expect(words).toMatch(/Expected wait: (under a minute|about \d+ minutes?)\.|cannot estimate|as soon as someone is free/);
    expect(words).not.toMatch(/cannot estimate.*Expected wait|Expected wait.*cannot estimate|Finding your place/s);
    await shot(seeker, 'ux2-someone-on-shift-phone');
    await seeker.getByRole('button', { name: 'Crisis help' }).click();
    const lines = (await fetch(`${w.base}/api/v1/resources`).then((r) => r.json())) as unknown[];
    await expectCrisisLinksInView(seeker, seeker.getByRole('region', { name: 'Free help, right now' }), lines.length, 'crisis lines over the queue');
    await shot(seeker, 'ux2-queue-crisis-help-phone');
  });
});
