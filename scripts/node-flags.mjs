// The V8 flags every Peerline node runs with: `npm start` (package.json), the image (Dockerfile),
// `npm run cluster` and the benchmarks all start `node` with these; test/node-flags.test.ts holds
// the two that cannot import this file to it.
//
// --max-semi-space-size=64: young objects get 64 MB semi-spaces instead of V8's 16. In a burst
// (SPEC P4) every request waits on Redis with its socket packet, session and promise alive, so a
// 16 MB young generation fills many times over while they are still alive and each scavenge copies
// them: garbage collection was the largest difference between a Peerline node and the bare relay in
// a profile of the burst. Node's own documentation names this flag for such servers; the memory
// comes back when the burst is over.
export const NODE_FLAGS = ['--max-semi-space-size=64'];
