// Load generator for P3: opens many idle Socket.IO connections (websocket) and holds them, at most
// `perSecond` new ones a second (so the generator never saturates its core).
// IPC: {type:'connect', url, auths: [...], concurrency, perSecond} → 'connected' {ok, failed, seconds};
// {type:'close'} closes them all and exits.
import { SioClient } from '../lib/sio-client.mjs';

const sockets = [];

async function connectAll({ url, auths, concurrency, perSecond = Infinity }) {
  const started = performance.now();
  let next = 0;
  let failed = 0;
  let firstError;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < auths.length) {
        const ahead = next - ((performance.now() - started) / 1000) * perSecond;
        if (ahead > 0) await new Promise((r) => setTimeout(r, (ahead / perSecond) * 1000));
        if (next >= auths.length) break;
        const auth = auths[next++];
        try {
          sockets.push(await SioClient.connect(url, { auth }));
        } catch (err) {
          failed++;
          firstError ??= err instanceof Error ? err.message : String(err);
        }
      }
    }),
  );
  return { ok: sockets.length, failed, firstError, seconds: (performance.now() - started) / 1000 };
}

process.on('message', async (m) => {
  if (m.type === 'connect') process.send({ type: 'connected', ...(await connectAll(m)) });
  if (m.type === 'close') {
    for (const s of sockets) s.terminate();
    process.exit(0);
  }
});
