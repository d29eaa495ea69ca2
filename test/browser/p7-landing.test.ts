import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Resource, Topic } from '../../src/protocol/http.js';
import { PHONE } from '../../src/testing/browser.js';
import { skipBrowser, startWorld, type BrowserWorld } from './fixture.js';
import { expectCrisisLinksInView, expectWhollyInView, shot } from './in-view.js';

/** #app's tree with attributes in a fixed order: what the server sent, or what the client made. */
const TREE = `(() => {
  const walk = (n) => n.nodeType === 3 ? n.data : n.nodeType !== 1 ? '' :
    '<' + n.localName + [...n.attributes].map((a) => ' ' + a.name + '="' + a.value + '"').sort().join('') + '>' + [...n.childNodes].map(walk).join('') + '</' + n.localName + '>';
  const app = document.getElementById('app');
  return app.children.length === 1 ? walk(app.firstElementChild) : 'app holds ' + app.children.length + ' elements';
})()`;

/**
 * Runs before the page's scripts: from the end of parsing (the server's markup is all there, no
 * script has run yet) it notes every node added, removed or retexted inside #app.
 */
const WATCH_TAKEOVER = `
  window.__takeover = [];
  document.addEventListener('readystatechange', () => {
    if (document.readyState !== 'interactive') return;
    new MutationObserver((records) => records.forEach((r) => window.__takeover.push(r.type + ' ' + (r.target.nodeName || '')))).observe(document.getElementById('app'), { childList: true, characterData: true, subtree: true });
  });`;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const ready = (page: Page) => page.locator('#app[data-ready]').waitFor({ state: 'attached' });

describe.skipIf(skipBrowser)('[P7] the seeker landing on a slow phone: readable before its script, then taken over', { timeout: 60_000 }, () => {
  let w: BrowserWorld;
  let topics: Topic[];
  let lines: Resource[];
  beforeAll(async () => {
    w = await startWorld();
    topics = (await fetch(`${w.base}/api/v1/topics`).then((r) => r.json())) as Topic[];
    lines = (await fetch(`${w.base}/api/v1/resources`).then((r) => r.json())) as Resource[];
  }, 60_000);
  afterEach(async () => w?.closePages());
  afterAll(async () => w?.close());

  const open = async (options: Parameters<BrowserWorld['browser']['newContext']>[0]) => {
    const context = await w.browser.newContext({ ...PHONE, baseURL: w.base, ...options });
    context.setDefaultTimeout(10_000);
    w.contexts.push(context);
    return context.newPage();
  };

  it('[P7] [UX1] with JavaScript off, the landing has its heading, the topics and every crisis line as a tappable link, in view on a phone', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto('/');
    await expectWhollyInView(page, page.getByRole('heading', { level: 1, name: 'Talk to someone who has been there' }), 'the heading');
    const choice = page.getByRole('combobox', { name: /What would you like to talk about/ });
    for (const t of topics) expect(await choice.getByRole('option', { name: t.label, exact: true }).count(), t.label).toBe(1);
    const region = page.getByRole('region', { name: 'If you need help right now' });
    const hrefs = await expectCrisisLinksInView(page, region, lines.length, 'crisis lines, no script');
    expect(hrefs).toEqual(lines.map((l) => l.href));
    for (const l of lines) expect(await region.getByRole('link', { name: new RegExp(`^${escape(l.contact)}\\s*${escape(l.name)}`) }).count(), l.contact).toBeGreaterThan(0);
    await expectWhollyInView(page, page.getByRole('button', { name: 'Talk to someone now' }), 'the Talk button');
    // Styled by the page itself (the tiles above are thumb-sized only with its styles): no stylesheet to wait for.
    expect(await page.locator('link[rel="stylesheet"]').count()).toBe(0);
    await shot(page, 'p7-landing-nojs');
  });

  it('[P7] the client takes over the server\'s landing node for node: nothing replaced, nothing moves', async () => {
    const served = await open({ javaScriptEnabled: false });
    await served.goto('/');
    const server = await served.evaluate(TREE);

    // What the client renders by itself, from a page whose landing the server had not rendered.
    const alone = await open({});
    await alone.route(`${w.base}/`, async (route) => {
      const res = await route.fetch();
      const { 'content-encoding': _e, 'content-length': _l, ...headers } = res.headers();
      await route.fulfill({ status: res.status(), headers, body: (await res.text()).replace(/<div id="app">[\s\S]*<\/div>/, '<div id="app"></div>') });
    });
    await alone.goto('/');
    await ready(alone);
    expect(await alone.evaluate(TREE)).toBe(server);

    // The real thing: hydrated in place, with no node added, removed or retexted.
    const page = await open({});
    await page.addInitScript(WATCH_TAKEOVER);
    await page.goto('/');
    const button = page.getByRole('button', { name: 'Talk to someone now' });
    await ready(page);
    expect(await page.evaluate('window.__takeover')).toEqual([]);
    expect(await page.evaluate(TREE)).toBe(server);
    await expectWhollyInView(page, button, 'the Talk button, hydrated');
    await expectCrisisLinksInView(page, page.getByRole('region', { name: 'If you need help right now' }), lines.length, 'crisis lines, hydrated');
    await shot(page, 'p7-landing-hydrated');
  });

  it('[P7] a topic chosen and a tap made before the script arrives: the tap does not reload the page, the topic is kept and sent', async () => {
    const page = await open({});
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/assets/seeker-*.js', async (route) => {
      await held;
      await route.continue();
    });
    const documents: string[] = [];
    page.on('request', (r) => r.resourceType() === 'document' && documents.push(r.url()));
    const frames: string[] = [];
    page.on('websocket', (ws) => ws.on('framesent', (f) => frames.push(String(f.payload))));
    await page.goto('/', { waitUntil: 'commit' });
    const choice = page.getByRole('combobox', { name: /What would you like to talk about/ });
    await choice.selectOption({ label: topics[1]!.label });
    await page.getByRole('button', { name: 'Talk to someone now' }).click();
    expect(await page.locator('#app[data-ready]').count()).toBe(0);
    release();
    await ready(page);
    expect(documents).toEqual([`${w.base}/`]);
    expect(await choice.inputValue()).toBe(topics[1]!.id);
    await page.getByRole('button', { name: 'Talk to someone now' }).click();
    await page.getByRole('heading', { level: 1, name: /Nobody is on shift right now|Finding someone for you/ }).waitFor();
    expect(frames.filter((f) => f.includes('"chat:request"'))).toEqual([expect.stringContaining(`{"topic":"${topics[1]!.id}"}`)]);
  });

  it('[P7] quick exit works on the hydrated landing', async () => {
    const page = await open({});
    await page.context().route('https://www.google.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Google</title><p>neutral</p>' }));
    await page.goto('/');
    await ready(page);
    await page.getByRole('button', { name: 'Quick exit' }).click();
    await page.waitForURL('https://www.google.com/');
    expect(await page.evaluate('sessionStorage.length')).toBe(0);
  });
});
