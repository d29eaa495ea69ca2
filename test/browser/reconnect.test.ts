import type { CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, skipBrowser, startWorld, type BrowserWorld } from './fixture.js';
import { chatInBrowsers, sendFrom } from './helpers.js';
import { createTestDatabase, dropPrefix, serviceUrl, testPrefix } from '../../src/testing/real-services.js';

const databaseUrl = serviceUrl('DATABASE_URL');
const redisUrl = serviceUrl('REDIS_URL');

/** UX3's promise: the banner a person sees while the connection is lost. */
const LOST = /Connection lost — reconnecting…/;

const devtools = new WeakMap<Page, CDPSession>();
/** Chromium's own offline mode for one page (DevTools protocol; one session, whose setting it is): nothing gets through. */
async function offline(page: Page, off: boolean): Promise<void> {
  let cdp = devtools.get(page);
  if (!cdp) {
    devtools.set(page, (cdp = await page.context().newCDPSession(page)));
    await cdp.send('Network.enable');
  }
  await cdp.send('Network.emulateNetworkConditions', { offline: off, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
}

/**
 * A message's bubble: its words exactly, since the live region says them too, after the sender's
 * name ("Sam: …", UX4).
 */
const said = (page: Page, text: string) => page.getByText(text, { exact: true });
/** How many bubbles on a page hold this message. */
const shown = (page: Page, text: string) => said(page, text).count();

/** A dropped connection in the browser: the node dies and comes back; both pages reconnect and resume on their own. */
describe.skipIf(skipBrowser || !databaseUrl || !redisUrl)('web client in Chromium: resume after a dropped connection', { timeout: 90_000 }, () => {
  let w: BrowserWorld;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const prefix = testPrefix();
  beforeAll(async () => {
    database = await createTestDatabase(databaseUrl!);
    w = await startWorld({ DATABASE_URL: database.url, REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: prefix });
  }, 60_000);
  afterEach(async () => w?.closePages());
  afterAll(async () => {
    await w?.close();
    await database?.drop();
    await dropPrefix(redisUrl!, prefix);
  });

  it('[REL1] the server is killed mid-chat and restarted: both sides reconnect, resume, and the chat goes on', async () => {
    const { spec, seeker } = await chatInBrowsers(w);
    await sendFrom(seeker, 'before the outage');
    await said(spec, 'before the outage').waitFor();

    await w.restart(async () => {
      await seeker.getByText(LOST).waitFor();
      await spec.getByText(LOST).waitFor();
    });
    // Socket.IO retries with backoff; the banner shows while it does, then goes away.
    await seeker.getByText(LOST).waitFor({ state: 'detached', timeout: 30_000 });
    await spec.getByText(LOST).waitFor({ state: 'detached', timeout: 30_000 });
    await sendFrom(spec, 'I am still here');
    await said(seeker, 'I am still here').waitFor({ timeout: 15_000 });
    await sendFrom(seeker, 'after the outage');
    await said(spec, 'after the outage').waitFor({ timeout: 15_000 });
    await said(seeker, 'before the outage').waitFor();
    await checkPage(seeker, 'seeker-resumed-phone');
  });

  it('[UX3] the phone goes offline: the seeker is told within 5 s, a message written offline waits in the chat, then is delivered once and shown once on both screens', async () => {
    const { spec, seeker, alias } = await chatInBrowsers(w);
    await sendFrom(spec, 'How are you doing tonight?');
    await said(seeker, 'How are you doing tonight?').waitFor();

    const lostAt = Date.now();
    await offline(seeker, true);
    await seeker.getByText(LOST).waitFor({ timeout: 5_000 });
    expect(Date.now() - lostAt).toBeLessThanOrEqual(5_000);
    await seeker.getByText('Your messages will be sent when you’re back.', { exact: false }).waitFor();

    // Written offline: a bubble at once, marked as waiting, nothing "not sent".
    await sendFrom(seeker, 'typed while the signal was gone');
    await seeker.getByText('Waiting for the connection…').waitFor();
    expect(await seeker.getByText(/Not sent/).count()).toBe(0);
    await checkPage(seeker, 'ux3-offline-banner');

    await offline(seeker, false);
    await said(spec, 'typed while the signal was gone').waitFor({ timeout: 20_000 });
    await seeker.getByText(LOST).waitFor({ state: 'detached', timeout: 20_000 });
    // A round trip after it: anything the reconnect could still bring (an echo, a late answer) has come.
    await sendFrom(spec, `Glad you are back, ${alias}`);
    await said(seeker, `Glad you are back, ${alias}`).waitFor();
    await sendFrom(seeker, 'me too');
    await said(spec, 'me too').waitFor();
    expect(await shown(seeker, 'typed while the signal was gone')).toBe(1);
    expect(await shown(spec, 'typed while the signal was gone')).toBe(1);
    expect(await seeker.getByText(/Not sent|Waiting for the connection/).count()).toBe(0);
    expect(await seeker.getByText('Delivered').count()).toBe(2);
  });

  it('[UX3] the server stalls mid-chat: both sides are told within 5 s, and a message sent during the stall arrives once on both screens', async () => {
    const { spec, seeker } = await chatInBrowsers(w);
    await sendFrom(seeker, 'are you there?');
    await said(spec, 'are you there?').waitFor();

    // The process is frozen: connections stay open but nothing answers (what Socket.IO's own ping takes 45 s to notice).
    const stalledAt = Date.now();
    w.server.child.kill('SIGSTOP');
    try {
      await seeker.getByText(LOST).waitFor({ timeout: 5_000 });
      await spec.getByText(LOST).waitFor({ timeout: 5_000 - (Date.now() - stalledAt) });
      expect(Date.now() - stalledAt).toBeLessThanOrEqual(5_000);
      // Written into the frozen connection; the page then gives it up and opens a new one (which waits too).
      const reconnecting = seeker.waitForEvent('websocket', { timeout: 15_000 });
      await sendFrom(seeker, 'sent into the stall');
      await said(seeker, 'sent into the stall').waitFor();
      await reconnecting;
    } finally {
      w.server.child.kill('SIGCONT');
    }
    await said(spec, 'sent into the stall').waitFor({ timeout: 30_000 });
    await seeker.getByText(LOST).waitFor({ state: 'detached', timeout: 30_000 });
    await spec.getByText(LOST).waitFor({ state: 'detached', timeout: 30_000 });
    await sendFrom(spec, 'still here, the page froze for a moment');
    await said(seeker, 'still here, the page froze for a moment').waitFor({ timeout: 15_000 });
    await sendFrom(seeker, 'ok good');
    await said(spec, 'ok good').waitFor({ timeout: 15_000 });
    expect(await shown(seeker, 'sent into the stall')).toBe(1);
    expect(await shown(spec, 'sent into the stall')).toBe(1);
    expect(await seeker.getByText(/Not sent/).count()).toBe(0);
  });
});
