// P6 (SPEC §7): the built-in moderation hooks per message against a no-op pipeline, alternating
// rounds in one process (moderation-bench.mjs, run as a child so nothing else shares its heap).
// Goal: median ≤ 50 µs per message with the built-ins.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LOAD_TESTS } from './lib/paths.mjs';

export async function runModeration({ quick = false, log = console.log } = {}) {
  const env = { ...process.env, ROUNDS: quick ? '3' : '7', MESSAGES: quick ? '10000' : '20000' };
  const { stdout } = await promisify(execFile)(process.execPath, [join(LOAD_TESTS, 'moderation-bench.mjs'), '--json'], { env });
  const r = JSON.parse(stdout.trim().split('\n').at(-1));
  log(`  built-ins median ${r.median.toFixed(2)} µs, no-op median ${r.baseMedian.toFixed(2)} µs (${r.rounds} alternating rounds × ${r.messages} messages)`);
  return r;
}
