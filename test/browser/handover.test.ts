import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE } from '../../src/testing/browser.js';
import { checkPage, newPage, signInUi, skipBrowser, staffAccount, useWorld, type BrowserWorld } from './fixture.js';
import { sendFrom, startShift } from './helpers.js';

const SHOTS = '/tmp/shots';

/** A screenshot for people to look at, outside the repository, and axe on the same state. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/handover-${name}.png` });
  await checkPage(page, `handover-${name}`);
}

/** The id (or, without one, the text) of what has focus. */
const focused = (page: Page) => page.evaluate(`document.activeElement?.id || document.activeElement?.textContent || ''`) as Promise<string>;

/** The label under a message, found by its text: who said it, and when. */
const labelOf = (page: Page, text: string) => page.locator('li.msg', { hasText: text }).locator('.msg-meta').last().innerText();

/** A specialist on the desktop console, signed in, on shift or not yet. */
async function specialist(w: BrowserWorld, onShift: boolean) {
  const name = await staffAccount(w);
  const page = await newPage(w, DESKTOP, '/specialist');
  await signInUi(page, name);
  if (onShift) await startShift(page, 1);
  return { name, page };
}

describe.skipIf(skipBrowser)('web client in Chromium: handover with consent (CH9)', { timeout: 90_000 }, () => {
  const w = useWorld();

  it('[CH9] after a transfer the seeker on a phone is asked, says yes, and the next specialist reads the earlier messages under the first one\'s name', async () => {
    const first = await specialist(w, true);
    const seeker = await newPage(w, PHONE, '/');
    await seeker.getByRole('button', { name: 'Talk to someone now' }).click();
    await seeker.getByRole('heading', { name: `Talking with ${first.name}` }).waitFor();
    await sendFrom(seeker, 'I cannot sleep, my dog died last week');
    await first.page.getByText('I cannot sleep, my dog died last week', { exact: true }).waitFor();
    await sendFrom(first.page, 'I am so sorry. What was her name?');
    await seeker.getByRole('region', { name: 'Conversation' }).getByText('What was her name?').waitFor();

    const second = await specialist(w, false);
    await first.page.getByRole('button', { name: 'Transfer' }).click();
    await first.page.getByLabel('Reason (optional)').fill('Grief after losing her dog. Go gently; she is not sleeping.');
    await first.page.getByRole('dialog').getByRole('button', { name: 'Transfer' }).click();

    // The question, in plain words, with focus on it, both choices in view on the phone.
    const question = seeker.getByRole('heading', { name: /Can the next person read our conversation so far/ });
    await question.waitFor();
    expect(await focused(seeker)).toBe('handover-q');
    await seeker.getByText('Nothing is shared unless you choose yes.').waitFor();
    for (const name of ['Yes, share it', 'No, start fresh']) expect(await seeker.getByRole('button', { name }).isVisible()).toBe(true);
    await shot(seeker, 'question');
    await seeker.getByRole('button', { name: 'Yes, share it' }).click();
    await seeker.getByText('The next specialist can read your conversation so far.').waitFor();
    expect(await focused(seeker)).toBe('The next specialist can read your conversation so far.');
    await shot(seeker, 'answer');

    await startShift(second.page, 1);
    await seeker.getByRole('heading', { name: `Talking with ${second.name}` }).waitFor();
    await second.page.getByText('Note from', { exact: false }).waitFor();
    await second.page.getByText('Grief after losing her dog. Go gently; she is not sleeping.', { exact: false }).waitFor();
    // The earlier part, each message under who said it.
    await second.page.getByText('I am so sorry. What was her name?').waitFor();
    expect(await labelOf(second.page, 'What was her name?')).toContain(`${first.name} (before you joined)`);
    expect(await labelOf(second.page, 'my dog died last week')).toMatch(/\(before you joined\)/);
    await sendFrom(second.page, 'Hi, I am here now. I read what you shared.');
    await seeker.getByRole('region', { name: 'Conversation' }).getByText('I read what you shared.').waitFor();
    await shot(second.page, 'console');

    // The seeker's transcript keeps the first specialist's name on the first specialist's words.
    expect(await labelOf(seeker, 'What was her name?')).toContain(first.name);
    expect(await labelOf(seeker, 'What was her name?')).not.toContain(second.name);
    expect(await labelOf(seeker, 'I read what you shared.')).toContain(second.name);
    await shot(seeker, 'transcript');
    // And after a refresh, from the server's labels.
    await seeker.reload();
    await seeker.getByText('I read what you shared.').waitFor();
    expect(await labelOf(seeker, 'What was her name?')).toContain(first.name);
  });

  it('[CH9] [PRIV5] a switch with the next specialist free: the question stays in the chat until answered; "No, start fresh" shares nothing and focus returns to the message box', async () => {
    const first = await specialist(w, true);
    const seeker = await newPage(w, PHONE, '/');
    await seeker.getByRole('button', { name: 'Talk to someone now' }).click();
    await seeker.getByRole('heading', { name: `Talking with ${first.name}` }).waitFor();
    await sendFrom(seeker, 'something only the first one should read');
    await first.page.getByText('something only the first one should read', { exact: true }).waitFor();
    const second = await specialist(w, true);

    await seeker.getByRole('button', { name: 'Talk to someone else' }).click();
    await seeker.getByRole('heading', { name: `Talking with ${second.name}` }).waitFor();
    await seeker.getByRole('heading', { name: /Can the next person read our conversation so far/ }).waitFor();
    expect(await focused(seeker)).toBe('handover-q');
    await second.page.getByText('has not shared the earlier conversation', { exact: false }).waitFor();
    await shot(seeker, 'question-in-chat');
    await seeker.getByRole('button', { name: 'No, start fresh' }).click();
    await seeker.getByText('the new specialist will only see new messages', { exact: false }).waitFor();
    expect(await focused(seeker)).toBe('composer-text');
    expect(await seeker.getByRole('heading', { name: /Can the next person read/ }).count()).toBe(0);
    await sendFrom(seeker, 'hello, second person');
    await second.page.getByText('hello, second person', { exact: true }).waitFor();
    expect(await second.page.getByText('something only the first one should read').count()).toBe(0);
    await shot(seeker, 'answered-in-chat');
  });
});
