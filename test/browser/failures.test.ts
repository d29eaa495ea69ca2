import { afterAll, beforeAll, describe, it } from 'vitest';
import { PHONE } from '../../src/testing/browser.js';
import { checkPage, newPage, skipBrowser, startWorld, type BrowserWorld } from './fixture.js';
import { chatInBrowsers, sendFrom } from './helpers.js';

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
    await spec.getByText('sorry, I am just angry').waitFor();
    // [SEC2] past the per-socket message limit: told to slow down, nothing lost from the screen.
    for (const n of [1, 2, 3, 4]) await sendFrom(seeker, `quick message ${n}`);
    await seeker.getByText('Not sent: That was a lot at once. Please wait a moment and try again.').first().waitFor();

    // [REL1] the server goes away: both sides are told the connection is lost and retried.
    const landing = await newPage(w, PHONE, '/');
    w.server.child.kill('SIGKILL');
    await w.server.exited;
    await seeker.getByText(/Connection lost\. Reconnecting/).waitFor();
    await spec.getByText(/Connection lost\. Reconnecting/).waitFor();
    await checkPage(seeker, 'seeker-reconnecting-phone');
    // A new seeker who presses the button now hears that the service is unavailable.
    await landing.getByRole('button', { name: 'Talk to someone now' }).click();
    await landing.getByText('Peerline is unavailable right now', { exact: false }).waitFor();
  });
});
