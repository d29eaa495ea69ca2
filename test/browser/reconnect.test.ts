import { afterAll, beforeAll, describe, it } from 'vitest';
import { checkPage, skipBrowser, startWorld, type BrowserWorld } from './fixture.js';
import { chatInBrowsers, sendFrom } from './helpers.js';
import { createTestDatabase, dropPrefix, serviceUrl, testPrefix } from '../../src/testing/real-services.js';

const databaseUrl = serviceUrl('DATABASE_URL');
const redisUrl = serviceUrl('REDIS_URL');

/** A dropped connection in the browser: the node dies and comes back; both pages reconnect and resume on their own. */
describe.skipIf(skipBrowser || !databaseUrl || !redisUrl)('web client in Chromium: resume after a dropped connection', { timeout: 90_000 }, () => {
  let w: BrowserWorld;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const prefix = testPrefix();
  beforeAll(async () => {
    database = await createTestDatabase(databaseUrl!);
    w = await startWorld({ DATABASE_URL: database.url, REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: prefix });
  }, 60_000);
  afterAll(async () => {
    await w?.close();
    await database?.drop();
    await dropPrefix(redisUrl!, prefix);
  });

  it('[REL1] the server is killed mid-chat and restarted: both sides reconnect, resume, and the chat goes on', async () => {
    const { spec, seeker } = await chatInBrowsers(w);
    await sendFrom(seeker, 'before the outage');
    await spec.getByText('before the outage').waitFor();

    await w.restart(async () => {
      await seeker.getByText(/Connection lost\. Reconnecting/).waitFor();
      await spec.getByText(/Connection lost\. Reconnecting/).waitFor();
    });
    // Socket.IO retries with backoff; the banner shows while it does, then goes away.
    await seeker.getByText(/Connection lost/).waitFor({ state: 'detached', timeout: 30_000 });
    await spec.getByText(/Connection lost/).waitFor({ state: 'detached', timeout: 30_000 });
    await sendFrom(spec, 'I am still here');
    await seeker.getByText('I am still here').waitFor({ timeout: 15_000 });
    await sendFrom(seeker, 'after the outage');
    await spec.getByText('after the outage').waitFor({ timeout: 15_000 });
    await seeker.getByText('before the outage').waitFor();
    await checkPage(seeker, 'seeker-resumed-phone');
  });
});
