// Load generator for P4 (a child process; the parent watches its CPU). Peerline: specialists on
// shift with capacity 2 end every chat `holdMs` after it is assigned, so capacity frees and matching
// goes on; at 'go' every seeker sends chat:request at once. Checks, from the clients' side: no seeker
// matched twice (MQ1), no specialist above capacity (MQ1: chats assigned minus chats already ended
// by them, counted when the end is sent, so this never under-counts), every request answered ok and
// matched exactly once (MQ6). Relay: at 'go' every socket sends one acknowledged event (bare acks).
// Times are absolute (performance.timeOrigin + now) so two generator processes can be combined.
import { SioClient } from '../lib/sio-client.mjs';

const now = () => performance.timeOrigin + performance.now();
let target;
const seekers = [];
const specialists = [];
const violations = [];
let errors = 0;
let firstError;

async function connectAll(items, connect, concurrency = 100) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const i = next++;
      await connect(items[i], i);
    }
  }));
}

let holdMs = 0;

async function setupPeerline({ urls, tokens, cookies, capacity }) {
  await connectAll(cookies, async (cookie, i) => {
    const spec = { socket: await SioClient.connect(urls[i % urls.length], { headers: { cookie } }), assigned: 0, ended: 0 };
    spec.socket.on('chat:assigned', ({ sessionId }) => {
      spec.assigned++;
      if (spec.assigned - spec.ended > capacity) violations.push(`specialist above capacity: ${spec.assigned - spec.ended} > ${capacity}`);
      setTimeout(() => {
        spec.ended++; // counted as it is sent: the seat cannot be reused before the server has it
        spec.socket.request('chat:end', { sessionId }).then((ack) => ack.ok || fail(`chat:end: ${ack.error?.code}`));
      }, holdMs);
    });
    const ack = await spec.socket.request('shift:start', { capacity });
    if (!ack.ok) throw new Error(`shift:start: ${JSON.stringify(ack)}`);
    specialists.push(spec);
  });
  await connectAll(tokens, async (token, i) => {
    const seeker = { socket: await SioClient.connect(urls[i % urls.length], { auth: { token } }), matchedAt: [], sessionId: undefined };
    seeker.socket.on('chat:matched', ({ sessionId }) => {
      seeker.matchedAt.push(now());
      if (seeker.matchedAt.length > 1) violations.push(`seeker matched twice (${sessionId})`);
      if (seeker.sessionId && seeker.sessionId !== sessionId) violations.push('matched into a session that is not theirs');
    });
    seekers.push(seeker);
  });
}

async function setupRelay({ urls, count }) {
  await connectAll(Array.from({ length: count }), async (_, i) => {
    seekers.push({ socket: await SioClient.connect(urls[i % urls.length], { auth: { room: `seeker:${i}` } }) });
  });
}

function fail(message) {
  errors++;
  firstError ??= message;
}

async function burst({ timeoutMs, hold = 0 }) {
  holdMs = hold;
  violations.length = 0;
  errors = 0;
  firstError = undefined;
  for (const s of seekers) {
    s.matchedAt = [];
    s.sessionId = undefined;
  }
  for (const s of specialists) s.assigned = s.ended = 0;
  const started = now();
  const acks = await Promise.all(seekers.map(async (s) => {
    const t0 = now();
    const ack = await Promise.race([
      s.socket.request(target === 'peerline' ? 'chat:request' : 'bench:ack', {}),
      new Promise((resolve) => setTimeout(() => resolve({ ok: false, error: { code: 'TIMEOUT', message: `no answer in ${timeoutMs} ms` } }), timeoutMs)),
    ]);
    const ms = now() - t0;
    if (!ack.ok) fail(`chat:request: ${ack.error?.code} ${ack.error?.message}`);
    else s.sessionId = ack.sessionId;
    return ms;
  }));
  if (target !== 'peerline') return { started, acks, matchedAt: [], unmatched: 0, violations: [], errors, firstError };
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline && seekers.some((s) => s.matchedAt.length === 0)) await new Promise((r) => setTimeout(r, 10));
  // Anything that arrives late would still be a double match: give it a moment.
  await new Promise((r) => setTimeout(r, 200));
  return {
    started,
    acks,
    matchedAt: seekers.flatMap((s) => s.matchedAt.slice(0, 1)),
    unmatched: seekers.filter((s) => s.matchedAt.length === 0).length,
    violations: [...new Set(violations)],
    errors,
    firstError,
  };
}

process.on('message', async (m) => {
  try {
    if (m.type === 'setup') {
      target = m.target;
      if (target === 'peerline') await setupPeerline(m);
      else await setupRelay(m);
      process.send({ type: 'ready' });
    } else if (m.type === 'go') {
      process.send({ type: 'result', ...(await burst(m)) });
    } else if (m.type === 'close') {
      for (const s of [...seekers, ...specialists]) s.socket.terminate();
      process.exit(0);
    }
  } catch (err) {
    process.send({ type: 'error', message: err instanceof Error ? err.stack : String(err) });
  }
});
