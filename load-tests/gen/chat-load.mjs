// Load generator (a child process of its own, CPU watched by the parent): live chats between pairs
// of sockets on two different nodes, messages sent open-loop at a fixed rate in both directions, and
// each message's round trip timed from send to the other participant receiving it.
// Targets: 'peerline' (message:send → message:new), 'relay' (the bare Socket.IO relay, same events),
// 'echo' (the raw ws echo server: one socket, the message comes back).
// IPC: {type:'setup', target, ...} → 'ready'; {type:'run', rate, seconds, warmupSeconds} → 'result'.
import { SioClient } from '../lib/sio-client.mjs';
import WebSocket from '../lib/ws.mjs';

const TEXT = 'it has been a hard week at work and at home, thank you for listening';
let pairs = [];
let target;

// Keys are letters only, so no hook can mistake them for a number or a handle, and only letters that
// spell no word of the abuse blocklist (a random key once spelled one, and the message was blocked).
const KEY_LETTERS = 'qxzjkv';
const key = (n) => {
  let s = '';
  do {
    s += KEY_LETTERS[n % KEY_LETTERS.length];
    n = Math.floor(n / KEY_LETTERS.length);
  } while (n > 0);
  return s;
};
const keyOf = (text) => text.slice(text.lastIndexOf(' ') + 1);

let pending = new Map(); // key → {t0, to, measured}
let rtts = [];
let errors = 0;
let firstError;

function received(side, text) {
  const k = keyOf(text);
  const entry = pending.get(k);
  if (!entry || entry.to !== side) return; // our own message coming back to the sender's socket
  pending.delete(k);
  if (entry.measured) rtts.push(performance.now() - entry.t0);
}

async function setupPeerline({ seekerUrl, specialistUrl, tokens, cookies }) {
  const bySession = new Map();
  const specialists = [];
  for (const cookie of cookies) {
    const socket = await SioClient.connect(specialistUrl, { headers: { cookie } });
    socket.on('chat:assigned', (a) => {
      const waiter = bySession.get(a.sessionId);
      if (waiter) waiter(socket);
      else bySession.set(a.sessionId, socket);
    });
    const res = await socket.request('shift:start', { capacity: 1 });
    if (!res.ok) throw new Error(`shift:start: ${JSON.stringify(res)}`);
    specialists.push(socket);
  }
  for (const token of tokens) {
    const seeker = await SioClient.connect(seekerUrl, { auth: { token } });
    const matched = new Promise((resolve) => seeker.on('chat:matched', resolve));
    const res = await seeker.request('chat:request', {});
    if (!res.ok) throw new Error(`chat:request: ${JSON.stringify(res)}`);
    const { sessionId } = await matched;
    const specialist = await new Promise((resolve) => {
      const known = bySession.get(sessionId);
      if (known) resolve(known);
      else bySession.set(sessionId, resolve);
    });
    const pair = { sessionId, sockets: { s: seeker, p: specialist } };
    seeker.on('message:new', (m) => received('s', m.text));
    specialist.on('message:new', (m) => m.sessionId === sessionId && received('p', m.text));
    pairs.push(pair);
  }
}

async function setupRelay({ seekerUrl, specialistUrl, rooms }) {
  for (const room of rooms) {
    const s = await SioClient.connect(seekerUrl, { auth: { room } });
    const p = await SioClient.connect(specialistUrl, { auth: { room } });
    s.on('message:new', (m) => received('s', m.text));
    p.on('message:new', (m) => received('p', m.text));
    pairs.push({ sessionId: room, sockets: { s, p } });
  }
}

async function setupEcho({ url, count }) {
  for (let i = 0; i < count; i++) {
    const ws = new WebSocket(url.replace(/^http/, 'ws'), { perMessageDeflate: false });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    // The echo comes back to the sender: it plays both sides.
    ws.on('message', (data) => received('s', data.toString()));
    pairs.push({ sessionId: `e${i}`, sockets: { s: ws, p: ws } });
  }
}

let counter = 0;
function sendOne(pair, from) {
  const k = key(counter++);
  const text = `${TEXT} ${k}`;
  const to = target === 'echo' ? 's' : from === 's' ? 'p' : 's';
  pending.set(k, { t0: performance.now(), to, measured: measuring });
  const socket = pair.sockets[from];
  if (target === 'echo') return socket.send(text);
  socket.request('message:send', { sessionId: pair.sessionId, clientMsgId: k, text }).then((ack) => {
    if (!ack.ok) {
      errors++;
      firstError ??= `${ack.error?.code}: ${ack.error?.message}`;
      pending.delete(k);
    }
  });
}

let measuring = false;
async function run({ rate, seconds, warmupSeconds }) {
  pending = new Map();
  rtts = [];
  errors = 0;
  firstError = undefined;
  const total = warmupSeconds + seconds;
  const started = performance.now();
  let sent = 0;
  let measuredSent = 0;
  await new Promise((resolve) => {
    const tick = setInterval(() => {
      const elapsed = (performance.now() - started) / 1000;
      measuring = elapsed >= warmupSeconds;
      const due = Math.min(Math.floor(elapsed * rate), Math.floor(total * rate));
      while (sent < due) {
        const pair = pairs[sent % pairs.length];
        sendOne(pair, Math.floor(sent / pairs.length) % 2 === 0 ? 's' : 'p');
        if (measuring) measuredSent++;
        sent++;
      }
      if (elapsed >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 1);
  });
  measuring = false;
  // Let the last messages arrive; whatever has not after 3 s counts as that late (a lower bound).
  const deadline = performance.now() + 3_000;
  while (performance.now() < deadline && [...pending.values()].some((e) => e.measured)) await new Promise((r) => setTimeout(r, 20));
  let lost = 0;
  for (const e of pending.values()) {
    if (e.measured) {
      lost++;
      rtts.push(performance.now() - e.t0);
    }
  }
  return { rtts, sent: measuredSent, lost, errors, firstError, seconds };
}

process.on('message', async (m) => {
  try {
    if (m.type === 'setup') {
      target = m.target;
      if (m.target === 'peerline') await setupPeerline(m);
      else if (m.target === 'relay') await setupRelay(m);
      else await setupEcho(m);
      process.send({ type: 'ready', pairs: pairs.length });
    } else if (m.type === 'run') {
      process.send({ type: 'result', ...(await run(m)) });
    } else if (m.type === 'close') {
      for (const p of pairs) for (const s of new Set(Object.values(p.sockets))) s.terminate();
      process.exit(0);
    }
  } catch (err) {
    process.send({ type: 'error', message: err instanceof Error ? err.stack : String(err) });
  }
});
