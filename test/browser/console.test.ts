import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PHONE } from '../../src/testing/browser.js';
import { checkPage, newPage, signInUi, skipBrowser, staffAccount, useWorld, type BrowserWorld } from './fixture.js';
import { sendFrom, startShift } from './helpers.js';

/** A laptop a specialist works a night shift on. */
const LAPTOP: BrowserContextOptions = { viewport: { width: 1366, height: 768 } };

/** What has focus: its tag, id and text. */
const focused = (page: Page) =>
  page.evaluate(`(() => { const el = document.activeElement; return { tag: el?.tagName, id: el?.id ?? '', text: el?.textContent ?? '' }; })()`) as Promise<{ tag: string; id: string; text: string }>;

/** The seeker's landing, then a chat, on `topic` (its label) or none; returns the page and their alias. */
async function seekerJoins(w: BrowserWorld, topic?: string) {
  const page = await newPage(w, PHONE, '/');
  if (topic) await page.getByLabel(/What would you like to talk about/).selectOption({ label: topic });
  await page.getByRole('button', { name: 'Talk to someone now' }).click();
  await page.getByRole('heading', { name: /Talking with/ }).waitFor();
  const alias = ((await page.getByText(/You are “/).first().textContent()) ?? '').replace(/^You are “|”$/g, '');
  return { page, alias };
}

async function specialistOnShift(w: BrowserWorld, capacity = 2, options: BrowserContextOptions = {}) {
  const username = await staffAccount(w);
  const spec = await newPage(w, { ...LAPTOP, ...options }, '/specialist');
  await signInUi(spec, username);
  await startShift(spec, capacity);
  return spec;
}

const tab = (spec: Page, alias: string) => spec.getByRole('tab', { name: new RegExp(alias) });

describe.skipIf(skipBrowser)('specialist console for a long shift (UX4, UX5)', { timeout: 90_000 }, () => {
  const w = useWorld();

  it('[UX5] per chat: the topic by its label, who waits for a reply, and a seeker gone offline and back', async () => {
    const spec = await specialistOnShift(w);
    const probe = await newPage(w, PHONE, '/');
    const option = probe.getByLabel(/What would you like to talk about/).locator('option').nth(1);
    const [topicLabel, topicId] = [(await option.textContent())!, (await option.getAttribute('value'))!];
    expect(topicLabel).not.toBe(topicId);
    await probe.close();

    const first = await seekerJoins(w, topicLabel);
    const second = await seekerJoins(w);
    await tab(spec, second.alias).waitFor();
    // The topic shows as its label, in the tab and the chat's heading; no choice reads "Any topic".
    await expect.poll(() => tab(spec, first.alias).textContent()).toContain(topicLabel);
    await spec.getByRole('heading', { name: `${first.alias} · ${topicLabel}` }).waitFor();
    expect(await spec.getByText(topicId, { exact: true }).count()).toBe(0);
    expect(await tab(spec, second.alias).textContent()).toContain('Any topic');

    // Nobody greeted yet: both seekers wait. The specialist greets both; then nobody waits.
    await tab(spec, first.alias).getByText(/Waiting/).waitFor();
    await tab(spec, second.alias).getByText(/Waiting/).waitFor();
    await sendFrom(spec, `Hello ${first.alias}, I am here.`);
    await tab(spec, second.alias).click();
    await sendFrom(spec, `Hello ${second.alias}, I am here.`);
    await tab(spec, first.alias).getByText(/Waiting/).waitFor({ state: 'detached' });
    await tab(spec, second.alias).getByText(/Waiting/).waitFor({ state: 'detached' });

    // The second seeker writes: their chat waits for a reply, the first does not; a reply clears it.
    await tab(spec, first.alias).click();
    await sendFrom(second.page, 'Are you still there?');
    await spec.getByRole('tab', { name: new RegExp(`${second.alias}.*Waiting under a minute`) }).waitFor();
    expect(await tab(spec, first.alias).getByText(/Waiting/).count()).toBe(0);
    await checkPage(spec, 'console-waiting-laptop');
    await tab(spec, second.alias).click();
    await spec.getByRole('tabpanel').getByText(/^Waiting/).waitFor();
    await sendFrom(spec, 'Yes, I am here with you.');
    await tab(spec, second.alias).getByText(/Waiting/).waitFor({ state: 'detached' });
    expect(await spec.getByRole('tabpanel').getByText(/^Waiting/).count()).toBe(0);

    // The second seeker closes their page: offline within seconds, with the time they have left (CH7: 120 s).
    const saved = (await second.page.evaluate('sessionStorage.getItem("peerline.seeker")')) as string;
    await second.page.close();
    await tab(spec, second.alias).getByText('Offline').waitFor({ timeout: 5_000 });
    await spec.getByText('Seeker offline — they have 2 min to come back.', { exact: false }).waitFor();
    await checkPage(spec, 'console-offline-laptop');
    // They open it again (the same tab restored): back online, and the marker goes.
    const back = await second.page.context().newPage();
    await back.addInitScript(`if (!sessionStorage.getItem('peerline.seeker')) sessionStorage.setItem('peerline.seeker', ${JSON.stringify(saved)})`);
    await back.goto('/');
    await back.getByRole('heading', { name: /Talking with/ }).waitFor();
    await spec.getByRole('tabpanel').getByText(`${second.alias} is back online.`).waitFor({ timeout: 5_000 });
    expect(await tab(spec, second.alias).getByText('Offline').count()).toBe(0);
    expect(await spec.getByText(/Seeker offline/).count()).toBe(0);
  });

  it('[UX5] a wait past three minutes is marked (dark, as many work at night)', async () => {
    const spec = await specialistOnShift(w, 1, { colorScheme: 'dark' });
    // The page's clock runs on from now; jumping it fires no timers, only changes what "now" is.
    await spec.clock.install();
    await spec.reload();
    const seeker = await seekerJoins(w);
    await sendFrom(spec, 'Hi, I am here.');
    await sendFrom(seeker.page, 'I do not know where to start');
    await tab(spec, seeker.alias).getByText(/Waiting/).waitFor();
    await spec.clock.setSystemTime(Date.now() + 4 * 60_000);
    await tab(spec, seeker.alias).getByText('Waiting 4 min').waitFor({ timeout: 10_000 });
    const marked = spec.getByRole('tabpanel').locator('.status-late');
    expect(await marked.textContent()).toBe('! Waiting 4 min');
    await checkPage(spec, 'console-long-wait-dark-laptop');
  });

  it('[UX5] new-chat alerts are on by default, and turning them off is remembered', async () => {
    const spec = await specialistOnShift(w, 1);
    const box = spec.getByRole('checkbox', { name: 'Sound and title alert for a new chat' });
    expect(await box.isChecked()).toBe(true);
    const seeker = await seekerJoins(w);
    await tab(spec, seeker.alias).waitFor();
    expect(await spec.title()).toMatch(/^\(1\) /);
    await box.uncheck();
    await spec.reload();
    await spec.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await spec.getByRole('checkbox', { name: 'Sound and title alert for a new chat' }).isChecked()).toBe(false);
  });

  it('[UX5] saved openers: one click puts one in the message box; added and removed, kept on this device', async () => {
    const spec = await specialistOnShift(w, 1);
    const seeker = await seekerJoins(w);
    await tab(spec, seeker.alias).waitFor();
    const composer = spec.getByRole('textbox', { name: `Message to ${seeker.alias}` });
    await spec.getByRole('button', { name: "Insert: Hi, I'm here with you. What's on your mind tonight?" }).click();
    await expect.poll(() => composer.inputValue()).toBe("Hi, I'm here with you. What's on your mind tonight?");
    expect((await focused(spec)).id).toBe('composer-text');
    await spec.keyboard.press('Enter');
    await seeker.page.getByText("Hi, I'm here with you. What's on your mind tonight?", { exact: true }).waitFor();

    await spec.getByText('Edit openers').click();
    await spec.getByLabel('New opener').fill('Good evening. Take all the time you need.');
    await spec.getByRole('button', { name: 'Add opener' }).click();
    await spec.getByRole('button', { name: 'Insert: Good evening. Take all the time you need.' }).waitFor();
    await spec.getByRole('button', { name: /^Remove: That sounds really hard/ }).click();
    await checkPage(spec, 'console-openers-laptop');
    await spec.reload();
    await tab(spec, seeker.alias).waitFor();
    await spec.getByRole('button', { name: 'Insert: Good evening. Take all the time you need.' }).waitFor();
    expect(await spec.getByRole('button', { name: /Insert: That sounds really hard/ }).count()).toBe(0);
  });

  it('[UX4] focus goes to the chat heading on assignment, switching and ending; dialogs give it back to their opener; messages are announced once, without controls', async () => {
    const spec = await specialistOnShift(w);
    const first = await seekerJoins(w);
    await tab(spec, first.alias).waitFor();
    await expect.poll(() => focused(spec)).toMatchObject({ tag: 'H2', text: expect.stringContaining(first.alias) });

    // Every dialog returns focus to the button that opened it (Cancel, Escape).
    for (const [opener, how] of [['Transfer', 'Cancel'], ['Escalate', 'Escape'], ['Mark urgent', 'Cancel']] as const) {
      await spec.getByRole('button', { name: opener, exact: true }).click();
      const dialog = spec.getByRole('dialog');
      await dialog.waitFor();
      if (how === 'Escape') await spec.keyboard.press('Escape');
      else await dialog.getByRole('button', { name: 'Cancel' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => focused(spec)).toMatchObject({ tag: 'BUTTON', text: opener });
    }

    // A message is announced as "<sender>: <text>" once, and the list is not itself a live region.
    await sendFrom(first.page, 'I cannot sleep again');
    await spec.getByRole('tabpanel').getByText('I cannot sleep again').waitFor();
    const announcer = spec.locator('[aria-live="polite"]');
    expect(await announcer.count()).toBe(1);
    await expect.poll(() => announcer.locator('p').allTextContents()).toContain(`${first.alias}: I cannot sleep again`);
    expect((await announcer.locator('p').allTextContents()).filter((t) => t.includes('I cannot sleep again'))).toHaveLength(1);
    expect(await spec.locator('[role="log"]').count()).toBe(0);
    expect(await spec.locator('[aria-live="polite"] button, [role="status"] button, [role="alert"] button').count()).toBe(0);

    // Report: focus back on that message's Report button.
    await spec.getByRole('button', { name: 'Report this message' }).click();
    await spec.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => focused(spec)).toMatchObject({ tag: 'BUTTON', text: 'Report this message' });

    // A second chat does not take the screen from the first; choosing its tab moves focus to it.
    const second = await seekerJoins(w);
    await tab(spec, second.alias).waitFor();
    expect(await tab(spec, first.alias).getAttribute('aria-selected')).toBe('true');
    await tab(spec, second.alias).click();
    await expect.poll(() => focused(spec)).toMatchObject({ tag: 'H2', text: expect.stringContaining(second.alias) });
    await checkPage(spec, 'console-two-chats-laptop');

    // The seeker on screen ends the chat: focus to its heading, and the end is announced.
    await second.page.getByRole('button', { name: 'End chat' }).click();
    await second.page.getByRole('button', { name: 'Yes, end the chat' }).click();
    await spec.getByRole('tabpanel').getByText('The seeker ended the chat.').waitFor();
    await expect.poll(() => focused(spec)).toMatchObject({ tag: 'H2', text: expect.stringContaining(second.alias) });
    await expect.poll(() => announcer.locator('p').allTextContents()).toContain(`${second.alias} ended the chat.`);
    // Closing its tab: focus goes to the chat left on screen.
    await spec.getByRole('button', { name: 'Close tab' }).click();
    await expect.poll(() => focused(spec)).toMatchObject({ tag: 'H2', text: expect.stringContaining(first.alias) });

    // A transfer that succeeds: its button is gone with the chat, so focus goes to the heading.
    await spec.getByRole('button', { name: 'Transfer', exact: true }).click();
    await spec.getByRole('dialog').getByRole('button', { name: 'Transfer' }).click();
    await spec.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(() => focused(spec)).toMatchObject({ tag: 'H2', text: expect.stringContaining(first.alias) });
  });

  it('[UX4] [MOD5] a message a moderator hides leaves the announcements as well as the chat', async () => {
    const moderator = await newPage(w, LAPTOP, '/moderator');
    await signInUi(moderator, await staffAccount(w, 'moderator'));
    const spec = await specialistOnShift(w, 1);
    const seeker = await seekerJoins(w);
    await sendFrom(seeker.page, 'add me on my other account instead');
    const announcer = spec.locator('[aria-live="polite"] p');
    await expect.poll(() => announcer.allTextContents()).toContain(`${seeker.alias}: add me on my other account instead`);
    await spec.getByRole('button', { name: 'Report this message' }).click();
    await spec.getByLabel('Pushing to contact off-platform').check();
    await spec.getByRole('dialog').getByRole('button', { name: 'Send report' }).click();
    const card = moderator.getByRole('article').filter({ hasText: 'Pushing to contact off-platform' });
    await card.getByLabel('Action').selectOption('hide_message');
    await card.getByRole('button', { name: 'Resolve' }).click();
    await spec.getByText('add me on my other account instead', { exact: true }).waitFor({ state: 'detached' });
    await expect.poll(() => announcer.allTextContents()).not.toContain(`${seeker.alias}: add me on my other account instead`);
  });
});
