import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE } from '../../src/testing/browser.js';
import { checkPage, newPage, signInUi, skipBrowser, staffAccount, startWorld, type BrowserWorld } from './fixture.js';
import { chatInBrowsers, sendFrom } from './helpers.js';

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
  let w: BrowserWorld;
  beforeAll(async () => {
    w = await startWorld();
  }, 60_000);
  afterEach(async () => w?.closePages());
  afterAll(async () => w?.close());

  it('quick exit by the button blanks the page, ends the chat, clears storage and replaces history', async () => {
    const { spec, seeker } = await chatInBrowsers(w);
    await fakeNeutralSite(seeker);
    await sendFrom(seeker, 'a message before leaving');
    await spec.getByText('a message before leaving').waitFor();
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
    await seeker.getByRole('heading', { name: 'Finding someone for you' }).waitFor();
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
    await seeker.getByRole('heading', { name: /Help is available right now/ }).waitFor();
    await spec.getByText('Crisis language in this chat', { exact: false }).waitFor();
    await spec.getByRole('tab', { name: new RegExp(`urgent.*${alias}|${alias}.*urgent`) }).waitFor();
    const card = moderator.getByRole('article').filter({ hasText: 'end my life' });
    await card.waitFor();
    expect(await card.getByText('high', { exact: true }).count()).toBe(1);
    await checkPage(seeker, 'seeker-crisis-phone');
    await checkPage(spec, 'specialist-urgent-desktop');
    await checkPage(moderator, 'moderator-flags-desktop');
  });

  it('[MOD5] a reported message hidden by the moderator disappears from both chat screens', async () => {
    const moderator = await newPage(w, DESKTOP, '/moderator');
    await signInUi(moderator, await staffAccount(w, 'moderator'));
    const { spec, seeker } = await chatInBrowsers(w);
    await sendFrom(spec, 'you should message me on my other account instead');
    const message = seeker.getByText('you should message me on my other account instead');
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
    await moderator.getByRole('cell', { name: 'flag.hide_message' }).first().waitFor();
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
    await seeker.getByRole('heading', { name: 'Finding someone for you' }).waitFor();
    await seeker.getByText('first in line', { exact: false }).first().waitFor();
  });
});
