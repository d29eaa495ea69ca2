import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { clientPayloads, type ClientEvent } from '../../protocol/events.js';
import { toWireError } from '../wire-error.js';
import type { SocketData } from './identity.js';

type Handler<E extends ClientEvent> = (payload: z.output<(typeof clientPayloads)[E]>, data: SocketData) => Promise<object | void>;
/** The part of a socket this needs: untyped listeners, since payloads are validated here. */
export interface EventSocket {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  data: SocketData;
}

/**
 * Register a client event: validate the payload (SEC1: a bad one gets VALIDATION, the socket stays
 * up), call the handler, and answer `{ok: true, ...data}` or `{ok: false, error}`.
 */
export function eventRegistrar(socket: EventSocket, log: FastifyBaseLogger) {
  return <E extends ClientEvent>(event: E, handler: Handler<E>): void => register(socket, log, event, handler);
}

function register<E extends ClientEvent>(socket: EventSocket, log: FastifyBaseLogger, event: E, handler: Handler<E>): void {
  socket.on(event, (...args: unknown[]) => {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as (response: unknown) => void) : undefined;
    const parsed = clientPayloads[event].safeParse(args[0] ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      ack?.({ ok: false, error: { code: 'VALIDATION', message: `${where}${issue?.message ?? 'invalid payload'}` } });
      return;
    }
    handler(parsed.data as z.output<(typeof clientPayloads)[E]>, socket.data).then(
      (data) => ack?.({ ok: true, ...(data ?? {}) }),
      (err: unknown) => {
        const wire = toWireError(err);
        if (wire.unexpected) log.error({ err, event }, 'socket event failed');
        ack?.({ ok: false, error: { code: wire.code, message: wire.message } });
      },
    );
  });
}
