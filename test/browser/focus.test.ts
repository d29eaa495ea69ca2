import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE } from '../../src/testing/browser.js';
import { ADMIN, checkPage, newPage, signInUi, skipBrowser, staffAccount, useWorld } from './fixture.js';
import { chatInBrowsers, sendFrom, startShift } from './helpers.js';

/** What has focus: its tag and its text (a heading's words, a button's name). */
const focused = (page: Page) =>
  page.evaluate(`({ tag: document.activeElement?.tagName, text: document.activeElement?.textContent?.trim() })`) as Promise<{ tag?: string; text?: string }>;

/** A message's bubble: its words exactly (the live region says them too, after the sender's name). */
const said = (page: Page, text: string) => page.getByText(text, { exact: true });

/** The one polite live region that says new messages, and the lines in it, oldest first. */
const announcer = (page: Page) => page.getByRole('status', { name: 'New messages' });
const announced = (page: Page) => announcer(page).locator('p').allTextContents();

describe.skipIf(skipBrowser)('web client in Chromium: focus and announcements (UX4)', { timeout: 60_000 }, () => {
  const w = useWorld();

  it('[UX4] the seeker on a phone: focus goes to the heading of each new screen, after "Talk to someone now", after matching and after ending', async () => {
    const seeker = await newPage(w, PHONE, '/');
    await seeker.getByRole('button', { name: 'Talk to someone now' }).click();
    await seeker.getByRole('heading', { level: 1, name: 'Nobody is on shift right now' }).waitFor();
    await expect.poll(() => focused(seeker)).toEqual({ tag: 'H1', text: 'Nobody is on shift right now' });
    await checkPage(seeker, 'ux4-queue-focused-phone');

    const spec = await newPage(w, DESKTOP, '/specialist');
    const name = await staffAccount(w);
    await signInUi(spec, name);
    await startShift(spec, 1);
    await seeker.getByRole('heading', { level: 1, name: `Talking with ${name}` }).waitFor();
    await expect.poll(() => focused(seeker)).toEqual({ tag: 'H1', text: `Talking with ${name}` });
    await checkPage(seeker, 'ux4-chat-focused-phone');

    await seeker.getByRole('button', { name: 'End chat' }).click();
    await seeker.getByRole('button', { name: 'Yes, end the chat' }).click();
    await seeker.getByRole('heading', { level: 1, name: 'The chat has ended' }).waitFor();
    await expect.poll(() => focused(seeker)).toEqual({ tag: 'H1', text: 'The chat has ended' });
    await checkPage(seeker, 'ux4-ended-focused-phone');
    // Back to the start: the landing's heading.
    await seeker.getByRole('button', { name: 'Start a new chat' }).click();
    await expect.poll(() => focused(seeker)).toEqual({ tag: 'H1', text: 'Talk to someone who has been there' });
  });

  it('[UX4] with someone free, "Talk to someone now" goes straight to the chat, its heading focused', async () => {
    const { seeker, spec } = await chatInBrowsers(w);
    await expect.poll(() => focused(seeker)).toMatchObject({ tag: 'H1', text: expect.stringMatching(/^Talking with /) });
    expect(await spec.getByRole('tab').count()).toBe(1);
  });

  it('[UX4] a new message is announced once, as "<sender>: <text>", in one polite live region; the list is no live region and the seeker\'s own words are not read back', async () => {
    const { seeker, spec } = await chatInBrowsers(w);
    const name = ((await seeker.getByRole('heading', { level: 1 }).textContent()) ?? '').replace('Talking with ', '');
    const conversation = seeker.getByRole('region', { name: 'Conversation' });
    expect(await conversation.locator('[aria-live], [role="log"], [role="status"], [role="alert"]').count()).toBe(0);
    expect(await conversation.getAttribute('aria-live')).toBeNull();
    expect(await announcer(seeker).count()).toBe(1);

    await sendFrom(spec, 'How has your evening been?');
    await said(seeker, 'How has your evening been?').waitFor();
    await expect.poll(() => announced(seeker)).toEqual([`${name}: How has your evening been?`]);

    await sendFrom(seeker, 'pretty rough, honestly');
    await said(spec, 'pretty rough, honestly').waitFor();
    // The same words twice are two messages: each is said once.
    await sendFrom(spec, 'ok');
    await said(seeker, 'ok').waitFor();
    await sendFrom(spec, 'ok');
    await expect.poll(() => said(seeker, 'ok').count()).toBe(2);
    await expect.poll(() => announced(seeker)).toEqual([`${name}: How has your evening been?`, `${name}: ok`, `${name}: ok`]);
    await checkPage(seeker, 'ux4-announced-phone');
  });

  it('[UX4] closing a dialog gives focus back to the button that opened it: by Cancel, by Escape and after sending', async () => {
    const { seeker, spec } = await chatInBrowsers(w);
    await sendFrom(spec, 'You can tell me anything here.');
    await said(seeker, 'You can tell me anything here.').waitFor();
    const report = seeker.getByRole('button', { name: 'Report this message' });

    await report.click();
    await seeker.getByRole('dialog', { name: 'Report this message' }).waitFor();
    await checkPage(seeker, 'ux4-report-dialog-phone');
    await seeker.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await seeker.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => focused(seeker)).toEqual({ tag: 'BUTTON', text: 'Report this message' });

    await report.click();
    await seeker.getByRole('dialog').waitFor();
    await seeker.keyboard.press('Escape');
    await seeker.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => focused(seeker)).toEqual({ tag: 'BUTTON', text: 'Report this message' });

    await report.click();
    await seeker.getByRole('dialog').getByRole('button', { name: 'Send report' }).click();
    await seeker.getByText('Thank you. A moderator will look at the message you reported.').waitFor();
    await expect.poll(() => focused(seeker)).toEqual({ tag: 'BUTTON', text: 'Report this message' });
  });

  it('[UX4] the moderator: signing in focuses the console\'s heading; a resolved flag\'s card goes and focus goes to the queue\'s heading, not the page', async () => {
    const { seeker } = await chatInBrowsers(w);
    await sendFrom(seeker, 'I have been thinking about ending my life');
    const mod = await newPage(w, DESKTOP, '/moderator');
    await signInUi(mod, ADMIN.username, ADMIN.password);
    await expect.poll(() => focused(mod)).toEqual({ tag: 'H1', text: 'Open flags' });
    const card = mod.getByRole('article').filter({ hasText: 'crisis language' });
    await card.waitFor();
    await card.getByLabel('Action').selectOption('dismiss');
    await card.getByRole('button', { name: 'Resolve' }).click();
    await card.waitFor({ state: 'detached' });
    await expect.poll(() => focused(mod)).toEqual({ tag: 'H1', text: 'Open flags' });
    await checkPage(mod, 'ux4-moderator-resolved-desktop');
  });

  it('[UX4] the admin: signing in focuses the page\'s heading; each view takes focus to its own heading', async () => {
    const admin = await newPage(w, DESKTOP, '/admin');
    await signInUi(admin, ADMIN.username, ADMIN.password);
    await expect.poll(() => focused(admin)).toEqual({ tag: 'H1', text: 'Administration' });
    await admin.getByRole('button', { name: 'Statistics' }).click();
    await expect.poll(() => focused(admin)).toEqual({ tag: 'H2', text: 'Statistics' });
    await checkPage(admin, 'ux4-admin-stats-desktop');
    await admin.getByRole('button', { name: 'Staff', exact: true }).click();
    await expect.poll(() => focused(admin)).toEqual({ tag: 'H2', text: 'Staff' });
  });
});
