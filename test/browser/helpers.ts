import type { Page } from 'playwright-core';
import { DESKTOP, PHONE } from '../../src/testing/browser.js';
import { newPage, signInUi, staffAccount, type BrowserWorld } from './fixture.js';

export async function startShift(page: Page, capacity = 2): Promise<void> {
  await page.getByLabel('Chats at once').selectOption(String(capacity));
  await page.getByRole('button', { name: 'Start shift' }).click();
  await page.getByText(/On shift: \d+ of/).waitFor();
}

export async function sendFrom(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: /message/i }).fill(text);
  await page.keyboard.press('Enter');
}

/** A specialist on shift (desktop) and a seeker (phone) in a live chat, through the pages. */
export async function chatInBrowsers(w: BrowserWorld, capacity = 2) {
  const username = await staffAccount(w);
  const spec = await newPage(w, DESKTOP, '/specialist');
  await signInUi(spec, username);
  await startShift(spec, capacity);
  const seeker = await newPage(w, PHONE, '/');
  await seeker.getByRole('button', { name: 'Talk to someone now' }).click();
  await seeker.getByRole('heading', { name: /Talking with/ }).waitFor();
  const alias = ((await seeker.getByText(/You are “/).textContent()) ?? '').replace(/^You are “|”$/g, '');
  await spec.getByRole('tab', { name: new RegExp(alias) }).waitFor();
  return { spec, seeker, alias };
}
