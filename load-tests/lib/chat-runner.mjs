// Drives gen/chat-load.mjs processes against one target (Peerline, the relay or the echo server):
// set up the chats once, then run steps of offered load, watching every generator's CPU.
import { join } from 'node:path';
import { LOAD_TESTS } from './paths.mjs';
import { SATURATED, watchCpu } from './cpu-watch.mjs';
import { watchSteal } from './host-steal.mjs';
import { startNode } from './procs.mjs';
import { percentile } from './stats.mjs';

/**
 * `setups` holds one setup message per generator process (its share of the pairs). Setups run one
 * after another: on Peerline each generator's seekers must be matched with its own specialists.
 */
export async function startChatLoad(target, setups) {
  const gens = setups.map(() => startNode(join(LOAD_TESTS, 'gen/chat-load.mjs'), { ipc: true }));
  for (const [i, setup] of setups.entries()) {
    gens[i].send({ type: 'setup', target, ...setup });
    await gens[i].message('ready');
  }
  return {
    /**
     * Offer `rate` messages/s in total for `seconds` (after `warmupSeconds`) → round trips in ms,
     * achieved rate, losses, whether a generator saturated its core (the step is then invalid) and
     * the share of the machine's CPU time the host took for other guests meanwhile (`steal`).
     */
    async step(rate, seconds, warmupSeconds = 1, serverPids = []) {
      const results = gens.map((g) => g.message('result', (seconds + warmupSeconds) * 1000 + 60_000));
      gens.forEach((g) => g.send({ type: 'run', rate: rate / gens.length, seconds, warmupSeconds }));
      await new Promise((r) => setTimeout(r, warmupSeconds * 1000));
      const watch = watchCpu([...gens.map((g) => g.pid), ...serverPids], 500);
      const stolen = watchSteal();
      const all = await Promise.all(results);
      const cpu = watch.stop();
      const steal = stolen.stop();
      const rtts = all.flatMap((r) => r.rtts);
      const sent = all.reduce((a, r) => a + r.sent, 0);
      const lost = all.reduce((a, r) => a + r.lost, 0);
      const errors = all.reduce((a, r) => a + r.errors, 0);
      const genCpu = Math.max(...gens.map((g) => cpu[g.pid].mean));
      return {
        rate,
        achieved: (sent - lost) / seconds,
        p50: percentile(rtts, 50),
        p99: percentile(rtts, 99),
        count: rtts.length,
        lost,
        errors,
        firstError: all.find((r) => r.firstError)?.firstError,
        generatorCpu: genCpu,
        serverCpu: serverPids.map((pid) => cpu[pid]?.mean ?? NaN),
        steal,
        valid: genCpu < SATURATED && errors === 0,
      };
    },
    async close() {
      gens.forEach((g) => g.send({ type: 'close' }));
      await Promise.all(gens.map((g) => Promise.race([g.exited, new Promise((r) => setTimeout(r, 2000))]).then(() => g.stop())));
    },
  };
}

/** Split `items` into `n` nearly equal parts. */
export const split = (items, n) => Array.from({ length: n }, (_, i) => items.filter((_, j) => j % n === i));
