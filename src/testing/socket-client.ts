import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol/events.js';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ConnectOptions {
  token?: string;
  cookie?: string;
  origin?: string;
}

/** A real Socket.IO client over websocket; resolves once connected, rejects with the server's refusal. */
export function connectSocket(url: string, options: ConnectOptions = {}): Promise<TestSocket> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin) headers.origin = options.origin;
  const socket: TestSocket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: options.token ? { token: options.token } : {},
    extraHeaders: headers,
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

/** Resolves with the next `event` the socket receives. */
export function nextEvent<T>(socket: TestSocket, event: string): Promise<T> {
  return new Promise((resolve) => (socket as unknown as { once(e: string, f: (v: T) => void): void }).once(event, resolve));
}
