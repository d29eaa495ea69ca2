import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Gauge } from 'prom-client';
import { Server } from 'socket.io';
import { AppError, isAppError } from '../../core/errors.js';
import type { PeerlineIo } from '../http/context.js';
import { allowedOrigins, originAllowed } from '../http/security.js';
import { adapterStream } from '../../backends/redis/stream-names.js';
import { STREAM_ADAPTER_OPTIONS } from './adapter-options.js';
import { identify, identityRoom } from './identity.js';

const MAX_PAYLOAD_BYTES = 64 * 1024;

/**
 * Socket.IO on Fastify's server (closed with it), with the Redis streams adapter when REDIS_URL is
 * set. The handshake checks the Origin (SEC4) and identifies a seeker or staff member; every socket
 * joins its identity's room so all of a user's tabs get their events.
 */
export const socketPlugin = fp(
  async (app: FastifyInstance) => {
    const allowlist = allowedOrigins(app.config);
    const adapterClient = app.backends.redis?.forAdapter();
    const stream = adapterStream(app.backends.redis?.prefix ?? '');
    // Loaded only with Redis: a single embedded node does without it (SPEC P5).
    const createAdapter = adapterClient && (await import('@socket.io/redis-streams-adapter')).createAdapter;
    const io: PeerlineIo = new Server(app.server, {
      serveClient: false,
      maxHttpBufferSize: MAX_PAYLOAD_BYTES,
      perMessageDeflate: false,
      cors: app.config.CORS_ORIGINS?.length ? { origin: [...app.config.CORS_ORIGINS], credentials: true } : undefined,
      allowRequest: (req, callback) => {
        const ok = originAllowed(req.headers.origin, req.headers.host, allowlist);
        callback(ok ? null : 'origin not allowed', ok);
      },
      ...(adapterClient && createAdapter ? { adapter: createAdapter(adapterClient, {
            ...STREAM_ADAPTER_OPTIONS,
            streamName: stream,
            channelPrefix: stream,
            sessionKeyPrefix: `${app.backends.redis!.prefix}sio:session:`,
          }) } : {}),
    });

    io.use((socket, next) => {
      const cookies = socket.request.headers.cookie ? app.parseCookie(socket.request.headers.cookie) : {};
      identify(app.services, socket.handshake.auth, cookies).then(
        (identity) => {
          if (!identity) return next(new Error('UNAUTHENTICATED'));
          socket.data.identity = identity;
          next();
        },
        (err: unknown) => next(new Error(isAppError(err) ? err.code : new AppError('UNAVAILABLE', 'backend down').code)),
      );
    });

    io.on('connection', (socket) => {
      void socket.join(identityRoom(socket.data.identity));
    });

    new Gauge({
      name: 'peerline_socket_connections',
      help: 'Socket.IO connections open on this node',
      registers: [app.metrics],
      collect() {
        this.set(io.engine.clientsCount);
      },
    });

    app.decorate('io', io);
    // REL4: close Socket.IO before the HTTP server. Clients see 'transport close' (not a server
    // disconnect), so they reconnect, to another node behind the load balancer.
    app.addHook('preClose', async () => {
      await io.close();
    });
    app.addHook('onClose', async () => {
      await adapterClient?.quit().catch(() => adapterClient.disconnect());
    });
  },
  { name: 'socket', dependencies: ['metrics'] },
);
