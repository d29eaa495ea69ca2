// The three targets of the chat benchmarks, each started with its chats set up and ready for load:
// Peerline (2 nodes on Redis + Postgres), the bare Socket.IO relay (2 nodes, same Redis adapter) and
// the raw ws echo server. In every pair of sockets, one side is on the first node and the other on
// the second, so every message crosses nodes through Redis (P1).
import { startEcho, startRelay } from './baselines.mjs';
import { startChatLoad, split } from './chat-runner.mjs';
import { seedSeekers, seedSpecialists, startPeerline } from './peerline.mjs';

export async function peerlineTarget({ pairs, generators, nodeArgs = [] }) {
  const server = await startPeerline({ nodes: 2, nodeArgs });
  const cookies = split((await seedSpecialists(server, pairs)).map((s) => s.cookie), generators);
  const tokens = split(await seedSeekers(server, pairs), generators);
  const load = await startChatLoad('peerline', cookies.map((c, i) => ({ seekerUrl: server.urls[0], specialistUrl: server.urls[1], cookies: c, tokens: tokens[i] })));
  return target('Peerline', server, load);
}

export async function relayTarget({ pairs, generators, nodeArgs = [] }) {
  const server = await startRelay({ nodes: 2, nodeArgs });
  const rooms = split(Array.from({ length: pairs }, (_, i) => `room-${i}`), generators);
  const load = await startChatLoad('relay', rooms.map((r) => ({ seekerUrl: server.urls[0], specialistUrl: server.urls[1], rooms: r })));
  return target('bare Socket.IO relay', server, load);
}

export async function echoTarget({ pairs, generators }) {
  const server = await startEcho();
  const load = await startChatLoad('echo', split(Array.from({ length: pairs }), generators).map((p) => ({ url: server.urls[0], count: p.length })));
  return target('raw ws echo', server, load);
}

function target(name, server, load) {
  return {
    name,
    /** One step of offered load → {rate, achieved, p50, p99, lost, errors, generatorCpu, valid}. */
    step: (rate, seconds, warmupSeconds) => load.step(rate, seconds, warmupSeconds, server.pids),
    async close() {
      await load.close();
      await server.close();
    },
  };
}
