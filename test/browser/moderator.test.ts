import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CONTACT_PLACEHOLDER } from '../../src/core/moderation/hooks/contact-redaction.js';
import { request } from '../../src/testing/http-client.js';
import { checkPage, newPage, signInUi, skipBrowser, STAFF_PASSWORD, useWorld, type BrowserWorld } from './fixture.js';
import { chatInBrowsers, sendFrom } from './helpers.js';

/** The desktop a moderator works at. */
const DESK = { viewport: { width: 1280, height: 800 } };

/** The axe rules beyond WCAG that the moderator pages were found breaking: heading order, an h1 on each page. */
async function headingViolations(page: Page): Promise<string[]> {
  // checkPage has put axe on the page already.
  return page.evaluate(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'rule', values: ['heading-order', 'page-has-heading-one', 'empty-heading', 'landmark-one-main'] } });
    return result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', '));
  })()`);
}

let made = 0;
/** A moderator account with this display name, signed in on a desktop page at /moderator. */
async function moderatorPage(w: BrowserWorld, displayName: string): Promise<{ page: Page; username: string }> {
  const username = `mod-${process.pid}-${++made}`;
  const created = await request<{ inviteToken: string }>(w.base, 'POST', '/api/v1/staff', { username, displayName, role: 'moderator' }, w.admin);
  expect(created.status).toBe(201);
  expect((await request(w.base, 'POST', '/api/v1/invites/accept', { inviteToken: created.body.inviteToken, password: STAFF_PASSWORD })).status).toBe(200);
  const page = await newPage(w, DESK, '/moderator');
  await signInUi(page, username);
  await page.getByRole('heading', { level: 1, name: 'Open flags' }).waitFor();
  return { page, username };
}

/** A live chat with a crisis flag (crisis language) and an ordinary one (an escalation). */
async function chatWithTwoFlags(w: BrowserWorld, escalation: string) {
  const chat = await chatInBrowsers(w);
  await sendFrom(chat.seeker, 'honestly I want to end my life');
  await chat.spec.getByRole('button', { name: 'Escalate' }).click();
  await chat.spec.getByLabel('Reason').fill(escalation);
  await chat.spec.getByRole('dialog').getByRole('button', { name: 'Escalate' }).click();
  await chat.spec.getByText('Escalated. A moderator has been alerted.').waitFor();
  return chat;
}

describe.skipIf(skipBrowser)('web client in Chromium: moderator console (UX6)', { timeout: 90_000 }, () => {
  const w = useWorld();

  it('[UX6] a crisis flag leads with "Message the specialist"; the note reaches the specialist as staff-only, never the seeker; each flag says whether its chat is live; axe finds nothing', async () => {
    const { page: mod } = await moderatorPage(w, 'Mo');
    const { spec, seeker, alias } = await chatWithTwoFlags(w, 'seems unsure, please keep an eye');
    const crisis = mod.getByRole('article').filter({ hasText: 'crisis language' });
    const ordinary = mod.getByRole('article').filter({ hasText: 'please keep an eye' });
    await crisis.waitFor();
    await ordinary.waitFor();
    expect(await crisis.getByRole('button').first().textContent()).toBe('Message the specialist');
    expect(await ordinary.getByRole('button').first().textContent()).toBe('Claim');
    // Nothing is chosen for the moderator: no action is preselected, and closing a crisis is not "nothing wrong".
    expect(await crisis.getByLabel('Action').inputValue()).toBe('');
    expect(await crisis.getByRole('option', { name: /Dismiss: nothing wrong/ }).count()).toBe(0);
    await crisis.getByText('Chat live', { exact: true }).waitFor();
    await ordinary.getByText('Chat live', { exact: true }).waitFor();
    expect(await mod.getByRole('heading', { level: 2 }).allTextContents()).toEqual([expect.stringContaining('crisis language'), expect.stringContaining('please keep an eye')]);
    await checkPage(mod, 'moderator-crisis-flags-desktop');
    expect(await headingViolations(mod)).toEqual([]);

    await crisis.getByRole('button', { name: 'Message the specialist' }).click();
    const box = crisis.getByLabel(/Note to the specialist/);
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill('I am here if you need support. Reach me at mo.private@example.com');
    await crisis.getByRole('button', { name: 'Send to the specialist' }).click();
    await crisis.getByText(`Sent to the specialist: “I am here if you need support. Reach me at ${CONTACT_PLACEHOLDER}”`).waitFor();
    // Focus goes back to what opened the form.
    expect(await crisis.getByRole('button', { name: 'Message the specialist' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await checkPage(mod, 'moderator-note-sent-desktop');

    const notice = spec.getByRole('tabpanel').getByText(/^From a moderator \(staff only, the seeker cannot see this\): I am here if you need support/);
    await notice.waitFor();
    expect(await notice.textContent()).toContain(CONTACT_PLACEHOLDER);
    await checkPage(spec, 'moderator-note-at-specialist-desktop');
    // A message after the note reaches the seeker: had the note gone to them, it would be on screen by now.
    await sendFrom(spec, 'I am still here with you');
    await seeker.getByRole('region', { name: 'Conversation' }).getByText('I am still here with you').waitFor();
    expect(await seeker.getByText(/From a moderator|I am here if you need support/).count()).toBe(0);

    // The chat ends: a fresh look at the queue says so, and the specialist can no longer be reached from it.
    await seeker.getByRole('button', { name: 'End chat' }).click();
    await seeker.getByRole('button', { name: 'Yes, end the chat' }).click();
    await spec.getByRole('tab', { name: new RegExp(alias) }).waitFor();
    await mod.reload();
    await crisis.getByText('Chat ended', { exact: true }).waitFor();
    await crisis.getByText('The chat has ended: its specialist can no longer be reached from here.').waitFor();
    expect(await crisis.getByRole('button', { name: 'Message the specialist' }).count()).toBe(0);
  });

  it('[UX6] a claim shows on every moderator\'s card at once ("Claimed by Sam"), and keeps the others from resolving it', async () => {
    const { page: sam } = await moderatorPage(w, 'Sam');
    const { page: other } = await moderatorPage(w, 'Robin');
    await chatWithTwoFlags(w, 'claim test escalation');
    const mine = sam.getByRole('article').filter({ hasText: 'claim test escalation' });
    const theirs = other.getByRole('article').filter({ hasText: 'claim test escalation' });
    await theirs.waitFor();
    await mine.getByRole('button', { name: 'Claim' }).click();
    await mine.getByText(/^You are working on this \(until/).waitFor();
    await theirs.getByText(/^Claimed by Sam \(until/).waitFor();
    expect(await theirs.getByRole('button', { name: 'Claim' }).count()).toBe(0);
    expect(await theirs.getByRole('button', { name: 'Resolve' }).isDisabled()).toBe(true);
    await theirs.scrollIntoViewIfNeeded();
    await checkPage(other, 'moderator-claimed-by-other-desktop');
    expect(await headingViolations(other)).toEqual([]);

    await mine.getByLabel('Action').selectOption('dismiss');
    await mine.getByRole('button', { name: 'Resolve' }).click();
    await theirs.waitFor({ state: 'detached' });
  });

  it('[UX6] the audit log names who acted, reads as words, and pages with Older and Newer; axe finds nothing', async () => {
    const { page: mod } = await moderatorPage(w, 'Mo');
    // More than a page of entries, the newest by the admin: staff accounts created (each is audited).
    for (let i = 0; i < 52; i++) {
      const res = await request(w.base, 'POST', '/api/v1/staff', { username: `audit-fill-${process.pid}-${i}`, displayName: `Fill ${i}`, role: 'specialist' }, w.admin);
      expect(res.status).toBe(201);
    }
    await mod.getByRole('button', { name: 'Audit log' }).click();
    const heading = mod.getByRole('heading', { level: 1, name: 'Audit log' });
    await heading.waitFor();
    expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
    const table = mod.getByRole('table');
    await table.getByRole('columnheader', { name: 'Who' }).waitFor();
    const first = table.getByRole('row').nth(1);
    expect(await first.getByRole('cell').nth(1).textContent()).toBe('admin');
    expect(await first.getByRole('cell').nth(2).textContent()).toBe('staff: create');
    expect(await first.getByRole('cell').nth(4).textContent()).toBe('role: specialist');
    expect(await table.textContent()).not.toContain('{');
    await checkPage(mod, 'moderator-audit-desktop');
    expect(await headingViolations(mod)).toEqual([]);

    const newest = await first.textContent();
    expect(await mod.getByRole('button', { name: 'Newer' }).isDisabled()).toBe(true);
    await mod.getByRole('button', { name: 'Older' }).click();
    await mod.getByText('Page 2', { exact: true }).waitFor();
    expect(await table.getByRole('row').nth(1).textContent()).not.toBe(newest);
    await checkPage(mod, 'moderator-audit-older-desktop');
    await mod.getByRole('button', { name: 'Newer' }).click();
    await mod.getByText('Page 1', { exact: true }).waitFor();
    expect(await table.getByRole('row').nth(1).textContent()).toBe(newest);
  });
});
