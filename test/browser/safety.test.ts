import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE } from '../../src/testing/browser.js';
import { checkPage, newPage, signInUi, skipBrowser, staffAccount, useWorld, type BrowserWorld } from './fixture.js';
import { chatInBrowsers, sendFrom } from './helpers.js';
import { BANNED_MESSAGE } from '../../src/core/identity/seeker-identity.js';
import { expectCrisisLinksInView, expectWhollyInView, shot } from './in-view.js';

const NEUTRAL = 'https://www.google.com/';

/**
 * The neutral site, answered locally (this machine has no internet). `onRequest` runs when the
 * navigation is asked for, while the old page is still there to look at.
 */
async function fakeNeutralSite(page: Page, onRequest: () => Promise<void> = async () => undefined) {
  await page.context().route('https://www.google.com/**', async (route) => {
    await onRequest();
    await route.fulfill({ contentType: 'text/html', body: '<title>Google</title><p>neutral</p>' });
  });
}

/**
 * After quick exit: on the neutral page, which replaced the chat's history entry (Back does not
 * return to Peerline), and the origin's storage in this tab is empty.
 */
async function expectExited(w: BrowserWorld, page: Page, entriesBefore: number) {
  await page.waitForURL(NEUTRAL);
  expect(await page.evaluate('history.length')).toBe(entriesBefore);
  await page.goBack();
  expect(page.url()).toBe('about:blank');
  // Back on our origin in the same tab: sessionStorage (per tab) must hold nothing to resume.
  await page.goto(`${w.base}/`);
  await page.getByRole('button', { name: 'Talk to someone now' }).waitFor();
  expect(await page.evaluate('sessionStorage.length')).toBe(0);
}

describe.skipIf(skipBrowser)('web client in Chromium: safety', { timeout: 60_000 }, () => {
  const w = useWorld();

  it('quick exit by the button blanks the page, ends the chat, clears storage and replaces history', async () => {
    const { spec, seeker } = await chatInBrowsers(w);
    await fakeNeutralSite(seeker);
    await sendFrom(seeker, 'a message before leaving');
    await spec.getByText('a message before leaving', { exact: true }).waitFor();
    const entries = Number(await seeker.evaluate('history.length'));
    // The page reports (through the console) what it looked like the moment its body emptied.
    let before: unknown = null;
    seeker.on('console', (m) => m.text().startsWith('blanked:') && (before = JSON.parse(m.text().slice('blanked:'.length))));
    await seeker.evaluate(`new MutationObserver(() => document.body.children.length === 0 &&
      console.log('blanked:' + JSON.stringify({ title: document.title, storage: sessionStorage.length, url: location.pathname }))).observe(document.body, { childList: true })`);
    await seeker.getByRole('button', { name: 'Quick exit' }).click();
    await expectExited(w, seeker, entries);
    // Blank, titled neutrally and with its storage empty, before it went anywhere.
    expect(before).toEqual({ title: 'New Tab', storage: 0, url: '/' });
    await spec.getByText('The seeker ended the chat.').waitFor();
  });

  it('quick exit by pressing Shift three times, from the queue: the request is cancelled', async () => {
    const seeker = await newPage(w, PHONE, '/');
    await fakeNeutralSite(seeker);
    await seeker.getByRole('button', { name: 'Talk to someone now' }).click();
    await seeker.getByRole('heading', { level: 1, name: /Finding someone for you|Nobody is on shift right now/ }).waitFor();
    await checkPage(seeker, 'seeker-queue-phone');
    const entries = Number(await seeker.evaluate('history.length'));
    await seeker.keyboard.press('Shift');
    await seeker.keyboard.press('Shift');
    await seeker.keyboard.press('Shift');
    await expectExited(w, seeker, entries);
    // Nobody is waiting any more: a specialist who starts a shift now gets no chat from it.
    const stats = await fetch(`${w.base}/metrics`).then((r) => r.text());
    expect(stats).toMatch(/^peerline_queue_waiting 0$/m);
  });

  it('[MOD2] crisis language: resources for the seeker, urgent marker for the specialist, a high flag live for the moderator', async () => {
    const moderator = await newPage(w, DESKTOP, '/moderator');
    await signInUi(moderator, await staffAccount(w, 'moderator'));
    await moderator.getByRole('heading', { name: 'Open flags' }).waitFor();
    const { spec, seeker, alias } = await chatInBrowsers(w);
    await sendFrom(seeker, 'honestly I want to end my life');
    await seeker.getByRole('heading', { name: 'Free help, right now' }).waitFor();
    // The specialist sees that the chat is urgent, and why, on its tab and in its panel.
    await spec.getByRole('tab', { name: new RegExp(`Urgent: \\S.*${alias}`) }).waitFor();
    await spec.getByRole('tabpanel').getByText(/^Urgent: \S/).waitFor();
    const card = moderator.getByRole('article').filter({ hasText: 'end my life' });
    await card.waitFor();
    expect(await card.getByText('high', { exact: true }).count()).toBe(1);
    await checkPage(seeker, 'seeker-crisis-phone');
    await checkPage(spec, 'specialist-urgent-desktop');
    await checkPage(moderator, 'moderator-flags-desktop');
  });

  it('[UX1] crisis lines after a crisis message on a 360×740 phone: all in view, each a tel:/sms:/https: link a thumb can hit, the message box usable beside them', async () => {
    const lines = (await fetch(`${w.base}/api/v1/resources`).then((r) => r.json())) as unknown[];
    const { spec, seeker } = await chatInBrowsers(w);
    // A few messages first, so the chat has scrolled as a real one would have.
    for (const text of ['hi', 'it has been a really bad week', 'I do not know what to do any more']) await sendFrom(seeker, text);
    await spec.getByText('I do not know what to do any more', { exact: true }).waitFor();
    await sendFrom(seeker, 'I want to kill myself');
    const panel = seeker.getByRole('alert', { name: 'Free help, right now' });
    await panel.waitFor();
    await shot(seeker, 'ux1-crisis-lines-chat-phone');
    const hrefs = await expectCrisisLinksInView(seeker, panel, lines.length, 'crisis lines in the chat');
    expect(hrefs).toEqual(expect.arrayContaining(['tel:988', 'sms:988']));
    expect(Number(await seeker.evaluate('window.scrollY'))).toBe(0);
    // The person's own words stay in view in the smaller box beside the lines.
    const ownWords = seeker.locator('.log .msg-mine').filter({ hasText: 'I want to kill myself' });
    await expect
      .poll(() =>
        ownWords.evaluate((el) => {
          const m = el.getBoundingClientRect();
          const b = el.closest('.log-wrap')!.getBoundingClientRect();
          return m.top >= b.top - 1 && m.bottom <= b.bottom + 1;
        }),
      )
      .toBe(true);

    // The message box is in view and takes typing while the lines are shown.
    const box = seeker.getByRole('textbox', { name: /message/i });
    await expectWhollyInView(seeker, box, 'the message box');
    await box.click();
    await seeker.keyboard.type('ok. I am still here');
    expect(await box.inputValue()).toBe('ok. I am still here');
    await seeker.keyboard.press('Enter');
    await spec.getByText('ok. I am still here', { exact: true }).waitFor();
    await expectCrisisLinksInView(seeker, panel, lines.length, 'crisis lines after sending');
    await shot(seeker, 'ux1-crisis-lines-typed-phone');

    // Closing gives focus back to where the person was: the message box.
    await seeker.getByRole('button', { name: 'Close crisis lines' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(await seeker.evaluate('document.activeElement.id')).toBe('composer-text');
    await shot(seeker, 'ux1-crisis-lines-closed-phone');
  });

  it('[UX1] the "Crisis help" button shows the same lines, in view, from a page scrolled down; Close gives focus back to the button', async () => {
    const lines = (await fetch(`${w.base}/api/v1/resources`).then((r) => r.json())) as unknown[];
    const seeker = await newPage(w, PHONE, '/');
    await seeker.evaluate('window.scrollTo(0, document.body.scrollHeight)');
    const toggle = seeker.getByRole('button', { name: 'Crisis help' });
    await expectWhollyInView(seeker, toggle, 'the Crisis help button');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = seeker.getByRole('region', { name: 'Free help, right now' });
    await expectCrisisLinksInView(seeker, panel, lines.length, 'crisis lines on the landing');
    await shot(seeker, 'ux1-crisis-help-landing-phone');
    await checkPage(seeker, 'seeker-crisis-help-phone');
    await seeker.getByRole('button', { name: 'Close crisis lines' }).click();
    await panel.waitFor({ state: 'detached' });
    expect(await seeker.evaluate('document.activeElement.id')).toBe('crisis-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    // At night many phones are dark: the lines keep their contrast there too.
    const dark = await newPage(w, { ...PHONE, colorScheme: 'dark' }, '/');
    await dark.getByRole('button', { name: 'Crisis help' }).click();
    await expectCrisisLinksInView(dark, dark.getByRole('region', { name: 'Free help, right now' }), lines.length, 'crisis lines, dark');
    await shot(dark, 'ux1-crisis-help-dark-phone');
    await checkPage(dark, 'seeker-crisis-help-dark-phone');
  });

  it('[MOD5] [UX1] a person refused a new chat (an address under a ban) reads why and gets the crisis lines, in view on a phone', async () => {
    const lines = (await fetch(`${w.base}/api/v1/resources`).then((r) => r.json())) as unknown[];
    const seeker = await newPage(w, PHONE, '/');
    // The server's refusal for an address over RATE_BANNED_ADDRESS_TOKENS (its shape is tested over HTTP in flags.test.ts).
    await seeker.route('**/api/v1/seekers', (route) =>
      route.fulfill({ status: 403, contentType: 'application/json', body: JSON.stringify({ error: { code: 'FORBIDDEN', message: BANNED_MESSAGE, resources: lines } }) }),
    );
    await seeker.getByRole('button', { name: 'Talk to someone now' }).click();
    await seeker.getByText(/cannot be started from this network/).waitFor();
    const panel = seeker.getByRole('alert', { name: 'Free help, right now' });
    await expectCrisisLinksInView(seeker, panel, lines.length, 'crisis lines after a refusal');
    await shot(seeker, 'mod5-refused-phone');
  });

  it('[MOD2] the specialist marks a chat urgent with Alt+U (shown on its button): the seeker gets the crisis lines, the tab and panel say so', async () => {
    const lines = (await fetch(`${w.base}/api/v1/resources`).then((r) => r.json())) as unknown[];
    const { spec, seeker, alias } = await chatInBrowsers(w);
    const mark = spec.getByRole('button', { name: 'Mark urgent' });
    expect(await mark.getAttribute('aria-keyshortcuts')).toBe('Alt+U');
    expect(await mark.getAttribute('title')).toContain('Alt+U');
    // The shortcut, from the message box, where a specialist's hands are.
    const composer = spec.getByRole('textbox', { name: `Message to ${alias}` });
    await composer.click();
    await spec.keyboard.press('Alt+u');
    const dialog = spec.getByRole('dialog', { name: /urgent/ });
    await dialog.waitFor();
    const send = dialog.getByRole('checkbox', { name: 'Send crisis lines to the seeker' });
    expect(await send.isChecked()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Note for the moderator (optional)' }).fill('Talking about giving their things away');
    await shot(spec, 'mark-urgent-dialog-desktop');
    await checkPage(spec, 'specialist-mark-urgent-dialog-desktop');
    await dialog.getByRole('button', { name: 'Mark urgent' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Focus is back in the message box the shortcut was pressed in (UX4).
    expect(await spec.evaluate('document.activeElement.id')).toBe('composer-text');
    await spec.getByText('Marked urgent. A moderator has been alerted, and the seeker now sees crisis lines.').waitFor();
    await spec.getByRole('tab', { name: new RegExp(`Urgent.*${alias}`) }).waitFor();
    await shot(spec, 'mark-urgent-specialist-desktop');

    const panel = seeker.getByRole('alert', { name: 'Free help, right now' });
    await expectCrisisLinksInView(seeker, panel, lines.length, 'crisis lines sent by the specialist');
    await expectWhollyInView(seeker, seeker.getByRole('textbox', { name: /message/i }), 'the message box');
    await shot(seeker, 'mark-urgent-seeker-phone');
  });

  it('[MOD5] a reported message hidden by the moderator disappears from both chat screens', async () => {
    const moderator = await newPage(w, DESKTOP, '/moderator');
    await signInUi(moderator, await staffAccount(w, 'moderator'));
    const { spec, seeker } = await chatInBrowsers(w);
    await sendFrom(spec, 'you should message me on my other account instead');
    const message = seeker.getByRole('region', { name: 'Conversation' }).getByText('you should message me on my other account instead');
    await message.waitFor();
    await seeker.getByRole('button', { name: 'Report this message' }).click();
    await seeker.getByLabel('It pushed me to contact them elsewhere').check();
    await seeker.getByRole('button', { name: 'Send report' }).click();
    await seeker.getByText('A moderator will look at the message you reported.').waitFor();

    const card = moderator.getByRole('article').filter({ hasText: 'It pushed me to contact them elsewhere' });
    await card.waitFor();
    await card.getByLabel('Action').selectOption('hide_message');
    await card.getByLabel('Note for the audit log (optional)').fill('Pushing off-platform');
    await card.getByRole('button', { name: 'Resolve' }).click();
    await card.waitFor({ state: 'detached' });

    await message.waitFor({ state: 'detached' });
    await spec.getByText('you should message me on my other account instead').waitFor({ state: 'detached' });
    await moderator.getByRole('button', { name: 'Audit log' }).click();
    await moderator.getByRole('cell', { name: 'flag: hide message' }).first().waitFor();
    await checkPage(moderator, 'moderator-audit-desktop');
  });

  it('[MOD4] the specialist escalates (a flag for the moderator) and transfers (the seeker is back at the front)', async () => {
    const moderator = await newPage(w, DESKTOP, '/moderator');
    await signInUi(moderator, await staffAccount(w, 'moderator'));
    const { spec, seeker } = await chatInBrowsers(w, 1);
    await spec.getByRole('button', { name: 'Escalate' }).click();
    await spec.getByLabel('Reason').fill('Seeker mentions a plan; I want a supervisor to look');
    await spec.getByRole('button', { name: 'Escalate', exact: true }).last().click();
    await spec.getByText('Escalated. A moderator has been alerted.').waitFor();
    const card = moderator.getByRole('article').filter({ hasText: 'I want a supervisor to look' });
    await card.getByText('Escalated by the specialist', { exact: false }).waitFor();

    await spec.getByRole('button', { name: 'Transfer' }).click();
    await checkPage(spec, 'specialist-transfer-dialog-desktop');
    await spec.getByRole('button', { name: 'Transfer', exact: true }).last().click();
    await seeker.getByRole('heading', { level: 1, name: /Finding someone for you|Nobody is on shift right now/ }).waitFor();
    await seeker.getByText('first in line', { exact: false }).first().waitFor();
  });
});
