// Baseline: a bare Socket.IO relay. The same socket.io, Redis streams adapter (with Peerline's own
// settings) and ioredis as Peerline, imported from the root node_modules; websocket transport; and
// nothing else: no validation, moderation, history or rate limits. A socket joins the room named in
// its handshake `auth.room`; `message:send` is broadcast to that room (sender included, as Peerline
// does) and acknowledged; `bench:ack` is acknowledged at once (P4's bare ack round trip).
// Env: REDIS_URL, RELAY_STREAM (unset = one node with the default in-memory adapter).
import { createServer } from 'node:http';
import { importDist, importFromRoot } from '../lib/paths.mjs';

const { Server } = await importFromRoot('socket.io');
const { createAdapter } = await importFromRoot('@socket.io/redis-streams-adapter');
const { Redis } = await importFromRoot('ioredis');
// Peerline's own adapter settings (dist/), so both run the same adapter the same way.
const { STREAM_ADAPTER_OPTIONS } = await importDist('src/transport/socket/adapter-options.js');

const stream = process.env.RELAY_STREAM;
const httpServer = createServer();
const io = new Server(httpServer, {
  serveClient: false,
  ...(stream ? { adapter: createAdapter(new Redis(process.env.REDIS_URL), { ...STREAM_ADAPTER_OPTIONS, streamName: stream, channelPrefix: stream, sessionKeyPrefix: `${stream}:session:` }) } : {}),
});

io.on('connection', (socket) => {
  const room = socket.handshake.auth?.room;
  if (room) socket.join(room);
  socket.on('message:send', (payload, ack) => {
    io.to(room).emit('message:new', payload);
    ack?.({ ok: true });
  });
  socket.on('bench:ack', (_payload, ack) => ack?.({ ok: true }));
});

// An exit (not a kill) on SIGTERM, so a relay run with --cpu-prof writes its profile.
process.on('SIGTERM', () => process.exit(0));

httpServer.listen(0, '127.0.0.1', () => {
  process.stdout.write(`relay listening at http://127.0.0.1:${httpServer.address().port}\n`);
});
