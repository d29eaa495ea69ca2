// REL5 soak: one Peerline node under a steady, realistic mix (seekers arriving, chatting 10–30
// messages with think time, ending and rating; specialists with capacity 2–3) for SOAK_MINUTES
// (10). The heap is sampled every 10 s from /metrics; after a warm-up of five minutes it must stay
// within ±10 % (trend). Writes load-tests/results/soak[-LABEL].json and .svg.
// Run: npm run build && node load-tests/soak.mjs   (REDIS_URL / DATABASE_URL are passed through)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { judgeHeap } from './lib/heap-trend.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
// Warm-up covers the live-history window (chats' messages are kept 5 minutes after they end).
const WARMUP_S = Number(process.env.SOAK_WARMUP_S ?? 300);
const LABEL = process.env.SOAK_LABEL ? `-${process.env.SOAK_LABEL}` : '';
const SPECIALISTS = 8;
const admin = { username: 'soak-admin', password: 'soak admin password' };

const server = spawn(process.execPath, ['--expose-gc', join(root, 'dist/src/server.js')], {
  env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', DATA_DIR: mkdtempSync(join(tmpdir(), 'soak-')), RATE_SEEKER_TOKENS: '100000', RATE_MESSAGES: '1000', BOOTSTRAP_ADMIN_USERNAME: admin.username, BOOTSTRAP_ADMIN_PASSWORD: admin.password },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((resolve) => {
  let out = '';
  const onData = (c) => {
    out += c;
    const m = /Server listening at (http:\/\/[^"\s]+)/.exec(out);
    if (m) {
      // Keep draining the server's logs without holding on to them.
      server.stdout.off('data', onData);
      server.stdout.resume();
      resolve(m[1]);
    }
  };
  server.stdout.on('data', onData);
});
const api = async (method, path, body, cookie) => {
  const res = await fetch(`${url}${path}`, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(cookie ? { cookie } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const cookieHeader = res.headers.getSetCookie().find((c) => c.startsWith('peerline_session='));
  return { status: res.status, body: await res.json().catch(() => ({})), cookie: cookieHeader?.split(';')[0] };
};
const emit = (socket, event, payload) => new Promise((resolve) => socket.emit(event, payload, resolve));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rand = (a, b) => a + Math.floor(Math.random() * (b - a + 1));

const adminCookie = (await api('POST', '/api/v1/auth/login', admin)).cookie;
for (let i = 0; i < SPECIALISTS; i++) {
  const created = await api('POST', '/api/v1/staff', { username: `soak-spec-${i}`, displayName: `Spec ${i}`, role: 'specialist' }, adminCookie);
  await api('POST', '/api/v1/invites/accept', { inviteToken: created.body.inviteToken, password: 'soak specialist pw' });
  const cookie = (await api('POST', '/api/v1/auth/login', { username: `soak-spec-${i}`, password: 'soak specialist pw' })).cookie;
  const socket = io(url, { transports: ['websocket'], extraHeaders: { cookie } });
  socket.on('message:new', (m) => {
    if (m.sender === 'seeker') setTimeout(() => emit(socket, 'message:send', { sessionId: m.sessionId, clientMsgId: `r${m.id}`, text: 'I hear you. Tell me more?' }), rand(200, 800));
  });
  await new Promise((r) => socket.once('connect', r));
  await emit(socket, 'shift:start', { capacity: rand(2, 3) });
}

let chats = 0;
async function seekerLife() {
  const { token } = (await api('POST', '/api/v1/seekers')).body;
  const socket = io(url, { transports: ['websocket'], auth: { token } });
  await new Promise((r) => socket.once('connect', r));
  const matched = new Promise((r) => socket.once('chat:matched', r));
  const { sessionId } = await emit(socket, 'chat:request', {});
  await matched;
  for (let i = 0, n = rand(10, 30); i < n; i++) {
    await emit(socket, 'message:send', { sessionId, clientMsgId: `m${i}`, text: `message ${i}: it has been a hard week at work and at home` });
    await sleep(rand(100, 400));
  }
  await emit(socket, 'chat:end', { sessionId });
  await emit(socket, 'chat:rate', { sessionId, rating: rand(3, 5) });
  socket.close();
  chats++;
}

const samples = [];
const started = Date.now();
// The heap is read every second. Each 10-second sample is the lowest reading of the last minute:
// the heap just after a collection, i.e. the live data without the garbage collector's sawtooth
// (a young generation can hold tens of MB of garbage between collections).
let readings = [];
const reader = setInterval(async () => {
  const text = await (await fetch(`${url}/metrics`)).text();
  const heap = Number(/^peerline_nodejs_heap_size_used_bytes (\S+)$/m.exec(text)?.[1]);
  if (Number.isFinite(heap)) readings.push(heap);
  if (readings.length > 60) readings.shift();
}, 1_000);
const sampler = setInterval(() => {
  if (readings.length === 0) return;
  samples.push({ t: Math.round((Date.now() - started) / 1000), heapMB: Math.min(...readings) / 2 ** 20, chats });
  process.stdout.write(`t=${samples.at(-1).t}s heap=${samples.at(-1).heapMB.toFixed(1)} MB chats=${chats}\n`);
}, 10_000);

const workers = Array.from({ length: SPECIALISTS * 2 }, async () => {
  while (Date.now() - started < MINUTES * 60_000) await seekerLife().catch(() => sleep(500));
});
await Promise.all(workers);
clearInterval(sampler);
clearInterval(reader);
server.kill('SIGTERM');

const { meanMB: mean, drift, swing, pass } = judgeHeap(samples, WARMUP_S);
mkdirSync(join(root, 'load-tests/results'), { recursive: true });
writeFileSync(join(root, `load-tests/results/soak${LABEL}.json`), JSON.stringify({ minutes: MINUTES, chats, samples, meanMB: mean, drift, swing, pass }, null, 2));
const W = 640, H = 240, maxT = Math.max(...samples.map((s) => s.t), 1), maxM = Math.max(...samples.map((s) => s.heapMB), 1) * 1.2;
const points = samples.map((s) => `${(40 + (s.t / maxT) * (W - 60)).toFixed(1)},${(H - 30 - (s.heapMB / maxM) * (H - 50)).toFixed(1)}`).join(' ');
writeFileSync(join(root, `load-tests/results/soak${LABEL}.svg`), `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">
<text x="40" y="14">Heap used (MB) over ${MINUTES} min soak, ${chats} chats; drift after warm-up ${(drift * 100).toFixed(1)} %</text>
<line x1="40" y1="${H - 30}" x2="${W - 20}" y2="${H - 30}" stroke="#888"/><line x1="40" y1="20" x2="40" y2="${H - 30}" stroke="#888"/>
<text x="4" y="${H - 30}">0</text><text x="4" y="26">${maxM.toFixed(0)}</text><text x="${W - 60}" y="${H - 12}">${maxT}s</text>
<polyline fill="none" stroke="#2a7" stroke-width="2" points="${points}"/></svg>\n`);
console.log(`REL5 soak: ${MINUTES} min, ${chats} chats, heap mean ${mean.toFixed(1)} MB after warm-up, drift ${(drift * 100).toFixed(1)} % (goal ±10 %), single-sample swing ${(swing * 100).toFixed(1)} %: ${pass ? 'PASS' : 'FAIL'}`);
process.exit(pass ? 0 : 1);
