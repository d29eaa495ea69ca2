// The V8 flags recommended for a production Peerline node: the image (Dockerfile), `npm run
// cluster` and the benchmarks start `node` with these (both sides of each benchmark alike);
// README's operations section says how to pass them elsewhere. `npm start` runs without them, on
// Node's defaults. test/node-flags.test.ts holds the Dockerfile to this file.
//
// --max-semi-space-size=64: young objects get 64 MB semi-spaces instead of V8's 16. In a burst
// (SPEC P4) every request waits on Redis with its socket packet, session and promise alive, so a
// 16 MB young generation fills many times over while they are still alive and each scavenge copies
// them: garbage collection was the largest difference between a Peerline node and the bare relay in
// a profile of the burst. Node's own documentation names this flag for such servers; the memory
// comes back when the burst is over.
//
// --no-flush-bytecode: V8 drops the bytecode of functions that have not run for a while (a few
// garbage collections, which its memory reducer runs when a process goes idle), and compiles them
// again when they next run. A node that was quiet for a few seconds (a night's lull between
// messages) then runs the next messages through the compiler, which slows the round trips after
// every idle stretch (SPEC P1; the relay runs with the same flags). The bytecode kept is a few MB.
//
// --v8-pool-size=0: V8's background threads (garbage collection helpers, compilers) number one less
// than the cores, not Node's fixed 4. On 2 cores, 4 such threads busy compiling took the event
// loop's core as well and slowed a warm `npm start` (SPEC P5). With one thread fewer than the
// cores, the loop keeps a core of its own; on bigger machines V8 gets more helpers than Node's 4.
// The cores are those the process may run on (its CPU affinity): Node 20 does not read a
// container's CPU quota, so a container limited by `--cpus` rather than `--cpuset-cpus` gets one
// per host core.
export const NODE_FLAGS = ['--max-semi-space-size=64', '--no-flush-bytecode', '--v8-pool-size=0'];
