import type { Server as IoServer } from 'socket.io';
import type { Registry } from 'prom-client';
import type { Backends } from '../../backends/select.js';
import type { Chat } from '../../chat.js';
import type { Config } from '../../config.js';
import type { Staff } from '../../core/staff/types.js';
import type { Catalog } from '../../protocol/http.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../protocol/events.js';
import type { Services } from '../../services.js';
import type { SocketData } from '../socket/identity.js';

export type PeerlineIo = IoServer<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    backends: Backends;
    services: Services;
    catalog: Catalog;
    metrics: Registry;
    io: PeerlineIo;
    chat: Chat;
  }
  interface FastifyRequest {
    /** The signed-in staff member, set by requireStaff. */
    staff: Staff | null;
  }
}
