import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { clientPayloads, type ClientEvent } from '../../protocol/events.js';
import { storable } from '../../protocol/storable.js';
import { toWireError } from '../wire-error.js';
import { AppError } from '../../core/errors.js';
import type { EventLimit } from './event-limits.js';
import type { SocketData } from './identity.js';

/** The part of a socket this needs: one listener for every event, since payloads are validated here. */
export interface EventSocket {
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
  data: SocketData;
}

type Handler<E extends ClientEvent, S> = (socket: S, payload: z.output<(typeof clientPayloads)[E]>, data: SocketData) => Promise<object | void>;
/** A handler per client event, made once per node and shared by every socket. */
export type Handlers<S> = { [E in ClientEvent]?: Handler<E, S> };

const noLimit: EventLimit = () => undefined;

/**
 * The one listener every socket gets (`socket.onAny(listener)`, called with the socket as `this`):
 * make its text storable and validate it (SEC1: a bad one gets VALIDATION, the socket stays up),
 * spend a point of the event's budget for the socket's identity (SEC2: past it, RATE_LIMITED with
 * retryAfterMs, the socket stays up; typing has no ack, so it is dropped), call the event's handler,
 * and answer `{ok: true, ...data}` or `{ok: false, error}`. Invalid payloads are answered before the
 * budget: they cost no backend call. One shared function instead of a closure per event per socket
 * keeps an idle connection small (SPEC P3).
 */
export function dispatcher<S extends EventSocket>(handlers: Handlers<S>, log: FastifyBaseLogger, limit: EventLimit = noLimit) {
  return function dispatch(this: S, event: string, ...args: unknown[]): void {
    if (!Object.hasOwn(handlers, event)) return;
    const handler = handlers[event as ClientEvent] as Handler<ClientEvent, S>;
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (response: unknown) => void) : undefined;
    const parsed = clientPayloads[event as ClientEvent].safeParse(storable((args[0] === ack ? undefined : args[0]) ?? {}));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      ack?.({ ok: false, error: { code: 'VALIDATION', message: `${where}${issue?.message ?? 'invalid payload'}` } });
      return;
    }
    const fail = (err: unknown) => {
      const wire = toWireError(err);
      if (wire.unexpected) log.error({ err, event }, 'socket event failed');
      const { code, message, retryAfterMs } = wire;
      ack?.({ ok: false, error: retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs } });
    };
    const run = () => handler(this, parsed.data, this.data).then((data) => ack?.(data ? { ok: true, ...data } : { ok: true }), fail);
    const spending = limit(event as ClientEvent, this.data.identity);
    if (!spending) return void run();
    spending.then((spent) => (spent.allowed ? run() : fail(tooOften(spent.retryAfterMs))), fail);
  };
}

const tooOften = (retryAfterMs: number) => new AppError('RATE_LIMITED', 'You are doing that very often. Please wait a moment.', { details: { retryAfterMs } });
