// The seeker side of night.yml, as an artillery processor: a fresh anonymous token over HTTP, a
// websocket to one of the nodes, chat:request, wait to be matched, 10–30 messages with think time,
// end, rate. Node URLs come from PEERLINE_URLS (set by night.mjs).
import { SioClient } from './lib/sio-client.mjs';

const urls = (process.env.PEERLINE_URLS ?? '').split(',').filter(Boolean);
const THINK_MS = process.env.NIGHT_THINK_MS ? Number(process.env.NIGHT_THINK_MS) : 1_000;
const MATCH_TIMEOUT_MS = 180_000;
const rand = (a, b) => a + Math.floor(Math.random() * (b - a + 1));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const lines = [
  'hi, I did not know who else to talk to tonight',
  'it has been a really hard week at work and at home',
  'I keep going over the same things in my head and cannot sleep',
  'my friends are tired of hearing about it I think',
  'thank you, that actually helps a bit',
  'I am not sure what I want to do next',
];

export async function seekerLife(context, events) {
  const url = urls[rand(0, urls.length - 1)];
  // Each seeker arrives from an address of their own (the nodes trust X-Forwarded-For here).
  const address = `10.${rand(0, 255)}.${rand(0, 255)}.${rand(1, 254)}`;
  const res = await fetch(`${url}/api/v1/seekers`, { method: 'POST', headers: { 'x-forwarded-for': address } });
  if (res.status !== 201) {
    events.emit('counter', `night.token_${res.status}`, 1);
    return;
  }
  const { token } = await res.json();
  const socket = await SioClient.connect(url, { auth: { token } });
  try {
    const asked = performance.now();
    const matched = new Promise((resolve) => socket.on('chat:matched', resolve));
    const request = await socket.request('chat:request', {});
    if (!request.ok) {
      events.emit('counter', 'night.request_failed', 1);
      return;
    }
    const outcome = await Promise.race([matched, sleep(MATCH_TIMEOUT_MS).then(() => null)]);
    if (!outcome) {
      await socket.request('chat:cancel', { sessionId: request.sessionId });
      events.emit('counter', 'night.gave_up_waiting', 1);
      return;
    }
    events.emit('histogram', 'night.request_to_match_ms', performance.now() - asked);
    const sessionId = request.sessionId;
    for (let i = 0, n = rand(10, 30); i < n; i++) {
      await sleep(rand(THINK_MS / 2, THINK_MS * 1.5));
      const sent = performance.now();
      const ack = await socket.request('message:send', { sessionId, clientMsgId: `m${i}`, text: `${lines[i % lines.length]} (${i + 1})` });
      if (!ack.ok) {
        events.emit('counter', `night.message_${ack.error.code}`, 1);
        break;
      }
      events.emit('histogram', 'night.message_round_trip_ms', performance.now() - sent);
      events.emit('counter', 'night.messages', 1);
    }
    await socket.request('chat:end', { sessionId });
    await socket.request('chat:rate', { sessionId, rating: rand(3, 5) });
    events.emit('counter', 'night.chats_completed', 1);
  } finally {
    socket.close();
  }
}
