import type { FastifyInstance } from 'fastify';
import type { Message } from '../protocol/messages.js';
import { connectSocket, type TestSocket } from './socket-client.js';
import { createStaff } from './test-app.js';
import { testTopic } from './topics.js';

type AckResponse = { ok: true; [key: string]: unknown } | { ok: false; error: { code: string; message: string } };

/** Emit a client event and resolve with its acknowledgement. */
export function ack<T = Record<string, unknown>>(socket: TestSocket, event: string, payload: unknown): Promise<AckResponse & Partial<T>> {
  return new Promise((resolve) => (socket as unknown as { emit(e: string, p: unknown, cb: (r: AckResponse) => void): void }).emit(event, payload, (r) => resolve(r as AckResponse & Partial<T>)));
}

/** Emit and require success; resolves with the ack data. */
export async function ok<T = Record<string, unknown>>(socket: TestSocket, event: string, payload: unknown): Promise<T> {
  const res = await ack(socket, event, payload);
  if (!res.ok) throw new Error(`${event} failed: ${res.error.code} ${res.error.message}`);
  return res as unknown as T;
}

/** Resolve with the next `event` whose payload matches `where`. */
export function waitFor<T = Record<string, unknown>>(socket: TestSocket, event: string, where: (p: T) => boolean = () => true, timeoutMs = 10_000): Promise<T> {
  const s = socket as unknown as { on(e: string, f: (p: T) => void): void; off(e: string, f: (p: T) => void): void };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (p: T) => {
      if (!where(p)) return;
      clearTimeout(timer);
      s.off(event, listener);
      resolve(p);
    };
    s.on(event, listener);
  });
}

/** Record every `event` a socket receives. */
export function collect<T>(socket: TestSocket, event: string): T[] {
  const seen: T[] = [];
  (socket as unknown as { on(e: string, f: (p: T) => void): void }).on(event, (p) => seen.push(p));
  return seen;
}

export interface Seeker {
  token: string;
  alias: string;
  socket: TestSocket;
}

/** A new anonymous seeker connected to `url` (its own identity). */
export async function newSeeker(app: FastifyInstance, url: string): Promise<Seeker> {
  const { token, alias } = (await app.inject({ method: 'POST', url: '/api/v1/seekers', remoteAddress: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}` })).json() as { token: string; alias: string };
  return { token, alias, socket: await connectSocket(url, { token }) };
}

let specialistCount = 0;

/** A specialist account, signed in and connected to `url`; not on shift yet. */
export async function newSpecialist(app: FastifyInstance, url: string, adminCookie: string, topics: string[] = []) {
  const username = `spec-${process.pid}-${++specialistCount}`;
  const { id, cookie } = await createStaff(app, adminCookie, { username, displayName: `Specialist ${specialistCount}`, role: 'specialist', topics });
  return { id, cookie, displayName: `Specialist ${specialistCount}`, socket: await connectSocket(url, { cookie }) };
}

export const send = (socket: TestSocket, sessionId: string, text: string, clientMsgId = `c-${Math.random()}`) =>
  ok<{ message: Message }>(socket, 'message:send', { sessionId, clientMsgId, text });

/** A seeker and an on-shift specialist in a live chat on a topic of their own. */
export async function pairOnNewTopic(app: FastifyInstance, url: string, adminCookie: string) {
  const topic = testTopic();
  const spec = await newSpecialist(app, url, adminCookie, [topic]);
  await ok(spec.socket, 'shift:start', { capacity: 1, topics: [topic] });
  const seek = await newSeeker(app, url);
  const matched = waitFor(seek.socket, 'chat:matched');
  const { sessionId } = await ok<{ sessionId: string }>(seek.socket, 'chat:request', { topic });
  await matched;
  return { topic, spec, seek, sessionId };
}
