// P7 (SPEC §7): the seeker's landing on a slow phone, with Chromium's own throttling (400 ms round
// trip, 400 kbit/s each way, CPU slowed 4×), against the same page unthrottled. Each load is cold:
// a fresh browser context with the cache disabled. Two times per load:
//   painted: first contentful paint, counted only when the crisis lines (tel:/sms:/https: links)
//            were in the page by then (and noted whether the client script had run yet: on the
//            slow phone it has not, so the lines came with the page, not from a render);
//   usable:  the client's 'peerline-ready' mark (client/src/seeker/main.tsx): from then on
//            "Talk to someone now" starts a chat.
// Goal: painted ≤ 1.5 s and usable ≤ 2.5 s throttled, medians of `runs` loads each; the unthrottled
// baseline, measured alternately in the same run, is for context. One built server, embedded backends.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVER, importFromRoot } from './lib/paths.mjs';
import { median } from './lib/stats.mjs';

const { chromium } = (await importFromRoot('playwright-core')).default;

export const SLOW_PHONE = { latencyMs: 400, kbitPerSecond: 400, cpuSlowdown: 4 };
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Runs in the page before its own scripts (through DevTools, so the page's CSP does not apply): at
// first contentful paint, what the page held and whether the client had run.
const WATCH_FIRST_PAINT = `
  new PerformanceObserver((list) => {
    const fcp = list.getEntries().find((e) => e.name === 'first-contentful-paint');
    if (!fcp || window.__p7) return;
    window.__p7 = {
      paintMs: fcp.startTime,
      lines: document.querySelectorAll('main a[href^="tel:"], main a[href^="sms:"], main a[href^="https:"]').length,
      clientRan: performance.getEntriesByName('peerline-ready').length > 0,
    };
  }).observe({ type: 'paint', buffered: true });`;

/** The built server with embedded backends (the landing needs none), on a free port. */
async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'peerline-p7-'));
  const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  for (const name of ['DATABASE_URL', 'REDIS_URL']) delete env[name];
  const child = spawn(process.execPath, [SERVER], { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const m = /Server listening at (http:\/\/[^"\s]+)/.exec(output);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', () => reject(new Error(`server exited:\n${output.slice(-2000)}`)));
  });
  return {
    url,
    async stop() {
      child.kill('SIGKILL');
      await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r() : child.once('exit', r)));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One cold load of `url`: { painted, usable, paintMs, lines, clientRan, bytes } (ms, bytes over the wire). */
async function loadOnce(browser, url, throttled) {
  const context = await browser.newContext(PHONE);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (throttled) {
      const bytesPerSecond = (SLOW_PHONE.kbitPerSecond * 1000) / 8;
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: SLOW_PHONE.latencyMs, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: SLOW_PHONE.cpuSlowdown });
    }
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
    await page.addInitScript(WATCH_FIRST_PAINT);
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    await page.waitForFunction(() => performance.getEntriesByName('peerline-ready').length > 0 && window.__p7, null, { timeout: 60_000 });
    const r = await page.evaluate(() => ({ ...window.__p7, readyMs: performance.getEntriesByName('peerline-ready')[0].startTime }));
    const painted = r.lines > 0 ? r.paintMs : NaN;
    return { painted, usable: r.readyMs, paintMs: r.paintMs, lines: r.lines, clientRan: r.clientRan, bytes };
  } finally {
    await context.close();
  }
}

const summary = (loads) => ({
  // A load whose first paint lacked the crisis lines leaves no median to pass.
  painted: loads.every((l) => Number.isFinite(l.painted)) ? median(loads.map((l) => l.painted)) : NaN,
  usable: median(loads.map((l) => l.usable)),
  bytes: median(loads.map((l) => l.bytes)),
  // Loads painted before the client script ran: the lines came with the page, not from a render.
  paintedBeforeScript: loads.filter((l) => Number.isFinite(l.painted) && !l.clientRan).length,
  loads,
});

export async function runLanding({ runs = 3, log = console.log } = {}) {
  const server = await startServer();
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const url = `${server.url}/`;
    await loadOnce(browser, url, false); // the server's first answers (JIT, file reads) are not the page's
    const base = [];
    const slow = [];
    for (let i = 0; i < runs; i++) {
      base.push(await loadOnce(browser, url, false));
      slow.push(await loadOnce(browser, url, true));
      const f = (l) =>
        `painted ${Number.isFinite(l.painted) ? `${(l.painted / 1000).toFixed(2)} s` : `— (no crisis lines at FCP ${(l.paintMs / 1000).toFixed(2)} s)`}${l.clientRan ? ' after' : ' before'} the script, usable ${(l.usable / 1000).toFixed(2)} s, ${(l.bytes / 1024).toFixed(1)} KB`;
      log(`  run ${i + 1}/${runs}: slow phone ${f(slow.at(-1))}; unthrottled ${f(base.at(-1))}`);
    }
    return { throttled: summary(slow), baseline: summary(base), runs, conditions: SLOW_PHONE };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

// `node load-tests/p7-landing.mjs`: P7 alone (npm run bench -- --only P7 reports it with the others).
if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runLanding();
  const s = (x) => `${(x / 1000).toFixed(2)} s`;
  console.log(`slow phone: painted ${s(r.throttled.painted)}, usable ${s(r.throttled.usable)}, ${(r.throttled.bytes / 1024).toFixed(1)} KB; unthrottled: painted ${s(r.baseline.painted)}, usable ${s(r.baseline.usable)}`);
}
