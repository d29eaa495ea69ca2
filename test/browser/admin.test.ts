import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE } from '../../src/testing/browser.js';
import { ADMIN, checkPage, newPage, signInUi, skipBrowser, startWorld, useWorld, type BrowserWorld } from './fixture.js';
import { chatInBrowsers } from './helpers.js';

describe.skipIf(skipBrowser)('web client in Chromium: admin', { timeout: 60_000 }, () => {
  const w = useWorld();

  it('[SEC3] the admin invites a specialist, who sets a password from the link and signs in', async () => {
    const admin = await newPage(w, DESKTOP, '/admin');
    await signInUi(admin, ADMIN.username, ADMIN.password);
    await admin.getByLabel('Username').fill('new.specialist');
    await admin.getByLabel('Display name (what seekers see)').fill('Robin');
    await admin.getByLabel('Role').selectOption('specialist');
    await admin.getByRole('button', { name: 'Create and invite' }).click();
    const link = await admin.locator('#invite-link').getAttribute('href');
    expect(link).toMatch(new RegExp(`^${w.base}/specialist#invite=[\\w-]+$`));
    await admin.getByRole('cell', { name: 'new.specialist', exact: true }).waitFor();
    await checkPage(admin, 'admin-staff-desktop');

    const invited = await newPage(w, PHONE, link!.slice(w.base.length));
    await invited.getByRole('heading', { name: 'Welcome: choose your password' }).waitFor();
    await checkPage(invited, 'specialist-invite-phone');
    await invited.getByLabel(/New password/).fill('short');
    await invited.getByRole('button', { name: 'Set password' }).click();
    expect(await invited.evaluate(`document.getElementById('login-password').validity.valid`)).toBe(false);
    await invited.getByLabel(/New password/).fill('a long enough password');
    await invited.getByRole('button', { name: 'Set password' }).click();
    await invited.getByText('Password set for new.specialist').waitFor();
    expect(invited.url()).not.toContain('invite=');
    await signInUi(invited, 'new.specialist', 'a long enough password');
    await invited.getByRole('button', { name: 'Start shift' }).waitFor();
    await checkPage(invited, 'specialist-console-phone');

    // Disabling the account signs them out of the open console (SEC3).
    await admin.getByRole('button', { name: 'Disable new.specialist' }).click();
    await admin.getByRole('cell', { name: 'Disabled', exact: true }).waitFor();
    await invited.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('shows statistics with charts from /api/v1/stats, on a phone and a desktop', async () => {
    const { seeker } = await chatInBrowsers(w);
    await seeker.getByRole('button', { name: 'End chat' }).click();
    await seeker.getByRole('button', { name: 'Yes, end the chat' }).click();
    await seeker.getByLabel('5 of 5').check();
    await seeker.getByRole('button', { name: 'Send rating' }).click();
    await seeker.getByText('Thank you for your feedback.').waitFor();

    for (const [options, name] of [[DESKTOP, 'desktop'], [PHONE, 'phone']] as const) {
      const admin = await newPage(w, options, '/admin');
      await signInUi(admin, ADMIN.username, ADMIN.password);
      await admin.getByRole('button', { name: 'Statistics' }).click();
      await admin.getByRole('img', { name: 'Waiting time' }).waitFor();
      await admin.getByRole('img', { name: 'Chats per hour' }).waitFor();
      await admin.getByRole('img', { name: 'Ratings' }).waitFor();
      // The chat above shows up once its metadata is written (batched): wait for it, never sleep.
      await expect.poll(async () => {
        await admin.getByLabel('Window').selectOption('168');
        await admin.getByLabel('Window').selectOption('24');
        return admin.locator('dd').first().textContent();
      }, { timeout: 10_000 }).not.toBe('0');
      await checkPage(admin, `admin-stats-${name}`);
    }
  });
});

describe.skipIf(skipBrowser)('web client in Chromium: first start', { timeout: 60_000 }, () => {
  let w: BrowserWorld;
  beforeAll(async () => {
    w = await startWorld({ BOOTSTRAP_ADMIN_USERNAME: '', BOOTSTRAP_ADMIN_PASSWORD: '' });
  }, 60_000);
  afterAll(async () => w?.close());

  it('creates the first admin at /admin with the setup token the server printed, once', async () => {
    const token = /setup token:\n\s+(\S+)/.exec(w.server.output())![1]!;
    const page = await newPage(w, DESKTOP, '/admin');
    await page.getByText('First start: create the first admin').click();
    await page.getByLabel('Setup token').fill('not-the-token');
    await page.getByLabel('Password (at least 12 characters)').fill('the first admin password');
    await page.getByRole('button', { name: 'Create admin' }).click();
    await page.getByRole('alert').filter({ hasText: /token/i }).waitFor();
    await page.getByLabel('Setup token').fill(token);
    await page.getByRole('button', { name: 'Create admin' }).click();
    await page.getByText('Admin admin created.', { exact: false }).waitFor();
    await checkPage(page, 'admin-first-start-desktop');
    await signInUi(page, 'admin', 'the first admin password');
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    const again = await fetch(`${w.base}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ setupToken: token, username: 'second', displayName: 'Second', password: 'another long password' }),
    });
    expect(again.status).toBeGreaterThanOrEqual(400);
  });
});
