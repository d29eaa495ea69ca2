import { readdirSync, readlinkSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE } from '../../src/testing/browser.js';
import { ADMIN, checkPage, newPage, signInUi, skipBrowser, startWorld, useWorld, type BrowserWorld } from './fixture.js';
import { chatInBrowsers, sendFrom } from './helpers.js';

/** UX3's promise: the banner a person sees while the connection is lost. */
const LOST = /Connection lost — reconnecting…/;
/** The line a staff page shows once its sign-in stopped working. */
const EXPIRED = 'Your sign-in has expired. Please sign in again.';

/** A message's bubble: its words exactly (the live region says them too, after the sender's name, UX4). */
const said = (page: Page, text: string) => page.getByText(text, { exact: true });

/** The element that has focus, by its text. */
const focusedText = (page: Page) => page.evaluate('document.activeElement?.textContent?.trim()') as Promise<string | undefined>;

/** Clear feedback for every failure: blocked, rate-limited, connection lost, unavailable. One world, killed at the end. */
describe.skipIf(skipBrowser)('web client in Chromium: failures are explained', { timeout: 60_000 }, () => {
  let w: BrowserWorld;
  beforeAll(async () => {
    w = await startWorld({ RATE_MESSAGES: '4' });
  }, 60_000);
  afterAll(async () => w?.close());

  it('[MOD1] a blocked message stays on screen, marked not sent, with the reason', async () => {
    const { seeker, spec } = await chatInBrowsers(w);
    await sendFrom(seeker, 'oh just go fuck yourself');
    await seeker.getByText(/^Not sent: /).waitFor();
    await checkPage(seeker, 'seeker-blocked-phone');
    await sendFrom(seeker, 'sorry, I am just angry');
    await said(spec, 'sorry, I am just angry').waitFor();
    // [SEC2] past the per-socket message limit: told to slow down, nothing lost from the screen.
    for (const n of [1, 2, 3, 4]) await sendFrom(seeker, `quick message ${n}`);
    await seeker.getByText('Not sent: That was a lot at once. Please wait a moment and try again.').first().waitFor();

    // [REL1] the server goes away: both sides are told the connection is lost and retried.
    const landing = await newPage(w, PHONE, '/');
    w.server.child.kill('SIGKILL');
    await w.server.exited;
    await seeker.getByText(LOST).waitFor();
    await spec.getByText(LOST).waitFor();
    await checkPage(seeker, 'seeker-reconnecting-phone');
    // A new seeker who presses the button now hears that the service is unavailable.
    await landing.getByRole('button', { name: 'Talk to someone now' }).click();
    await landing.getByText('Peerline is unavailable right now', { exact: false }).waitFor();
  });
});

/**
 * A restart on the embedded defaults, where the server keeps seekers' tokens and staff sign-ins in
 * memory: it forgets them. At most one connection per identity, so a second tab is one too many.
 */
describe.skipIf(skipBrowser)('web client in Chromium: a restart that forgets, a sign-in that expires, one tab too many', { timeout: 90_000 }, () => {
  const w = useWorld({ MAX_SOCKETS_PER_IDENTITY: '1' });

  it('[UX3] [SEC2] one tab too many: the page says so in the server\'s words, keeps the console, and connects by itself once the other tab closes', async () => {
    const first = await newPage(w, DESKTOP, '/moderator');
    await signInUi(first, ADMIN.username, ADMIN.password);
    await first.getByRole('heading', { level: 1, name: 'Open flags' }).waitFor();
    // The same sign-in in a second tab: its connection is refused (RATE_LIMITED), not its sign-in.
    const second = await first.context().newPage();
    await second.goto('/moderator');
    await second.getByText('This chat is already open in 1 tabs or devices. Close one and try again. We will try again in a moment.').waitFor();
    expect(await second.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await checkPage(second, 'moderator-one-tab-too-many-desktop');
    await first.close();
    await second.getByText('This chat is already open', { exact: false }).waitFor({ state: 'detached', timeout: 20_000 });
    await second.getByText(/No open flags/).waitFor();
  });

  it('[UX3] [UX4] an admin page whose sign-in expired (HTTP 401) shows the sign-in form with the reason, focus on its heading', async () => {
    const admin = await newPage(w, DESKTOP, '/admin');
    await signInUi(admin, ADMIN.username, ADMIN.password);
    await admin.getByRole('heading', { name: 'Staff', exact: true }).waitFor();
    await admin.context().clearCookies();
    await admin.getByRole('button', { name: 'Statistics' }).click();
    await admin.getByText(EXPIRED).waitFor();
    expect(await admin.getByRole('button', { name: 'Sign out' }).count()).toBe(0);
    expect(await admin.getByRole('heading', { name: 'Administration' }).count()).toBe(0);
    expect(await focusedText(admin)).toBe('Admin');
    await checkPage(admin, 'admin-expired-desktop');
  });

  it('[UX3] a restart that forgot the chat: the seeker\'s conversation stays, read-only, with the reason, the crisis lines and a way back; the specialist\'s console goes to sign-in and says why', async () => {
    const { spec, seeker } = await chatInBrowsers(w);
    await sendFrom(spec, 'I am glad you reached out. What is going on?');
    await said(seeker, 'I am glad you reached out. What is going on?').waitFor();
    await sendFrom(seeker, 'I cannot stop crying tonight');
    await said(spec, 'I cannot stop crying tonight').waitFor();
    await seeker.getByText('Delivered').waitFor();

    // Whatever a later version keeps across a restart, this one forgets all: its data directory goes too.
    const dataDir = readlinkSync(`/proc/${w.server.child.pid}/cwd`);
    await w.restart(async () => {
      await seeker.getByText(LOST).waitFor();
      for (const entry of readdirSync(dataDir)) rmSync(join(dataDir, entry), { recursive: true, force: true });
    });

    await seeker.getByRole('heading', { name: 'Your chat was interrupted' }).waitFor({ timeout: 30_000 });
    await seeker.getByText('The connection to your chat was lost when the service restarted. Your conversation is still shown here.').waitFor();
    await said(seeker, 'I am glad you reached out. What is going on?').waitFor();
    await said(seeker, 'I cannot stop crying tonight').waitFor();
    await seeker.getByRole('link', { name: /Call 988/ }).waitFor();
    expect(await seeker.getByRole('textbox', { name: /message/i }).count()).toBe(0);
    expect(await focusedText(seeker)).toBe('Your chat was interrupted');
    await checkPage(seeker, 'ux3-restarted-transcript');

    // The specialist's console was signed out by the restart: its sign-in form, not a stale console.
    await spec.getByText(EXPIRED).waitFor({ timeout: 30_000 });
    await spec.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await spec.getByText(/On shift/).count()).toBe(0);
    expect(await spec.getByText(/Could not connect/).count()).toBe(0);
    await checkPage(spec, 'ux3-expired-login');

    // A refresh keeps it all (this tab's sessionStorage), and one button goes back into the line.
    await seeker.reload();
    await seeker.getByRole('heading', { name: 'Your chat was interrupted' }).waitFor();
    await said(seeker, 'I cannot stop crying tonight').waitFor();
    await seeker.getByRole('button', { name: 'Start a new chat' }).click();
    await seeker.getByRole('heading', { name: 'Nobody is on shift right now' }).waitFor();
    expect(await said(seeker, 'I cannot stop crying tonight').count()).toBe(0);
  });
});
