import type { Message } from '../protocol/messages.js';
import { connectSocket, type ConnectOptions, type TestSocket } from './socket-client.js';

/** How long a `message:send` may go unanswered on a connected socket before it is sent again. */
const ACK_TIMEOUT_MS = 5_000;
/** First pause between failed connection attempts; it doubles up to the next. */
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 1_000;

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A chat participant as the real client behaves behind a load balancer: when its connection drops,
 * it connects again to whichever node `pick()` names now (the balancer's choice among live nodes),
 * resumes its chat from the last seq it saw (CH4), and sends a message that got no acknowledgement
 * again, with the same clientMsgId (CH3), until one comes. Everything it hears is kept across
 * connections.
 */
export class RoamingClient {
  /** message:new and resumed messages, in arrival order, over every connection (one may come both ways). */
  readonly heard: Message[] = [];
  readonly ended: unknown[] = [];
  /** Why each connection ended ('transport close' for a node shutting down, REL4). */
  readonly disconnectReasons: string[] = [];
  /** Errors from chat:resume after a reconnect (none expected while the chat lives). */
  readonly resumeErrors: string[] = [];
  connections = 0;
  /** Sends that went again after no acknowledgement came (CH3). */
  resent = 0;
  sessionId: string | undefined;
  private socket: TestSocket | undefined;
  private closed = false;
  private waiting: { resolve(socket: TestSocket): void; reject(err: Error): void }[] = [];

  private constructor(
    private readonly pick: () => string,
    private readonly auth: ConnectOptions,
  ) {}

  /** Connect first to `first` (by default what `pick` names). */
  static async connect(pick: () => string, auth: ConnectOptions, first = pick()): Promise<RoamingClient> {
    const client = new RoamingClient(pick, auth);
    client.attach(await connectSocket(first, auth));
    return client;
  }

  get connected(): boolean {
    return this.socket?.connected === true;
  }

  /** The socket of the current connection (for one-off events; it changes after a drop). */
  get current(): TestSocket {
    if (!this.socket) throw new Error('not connected');
    return this.socket;
  }

  /** Highest seq heard so far. */
  get lastSeq(): number {
    return this.heard.reduce((max, m) => Math.max(max, m.seq), 0);
  }

  /** Send until acknowledged, across reconnects; rejects only when the server refuses it. */
  async send(sessionId: string, clientMsgId: string, text: string): Promise<Message> {
    for (;;) {
      const socket = await this.ready();
      let reply;
      try {
        reply = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('message:send', { sessionId, clientMsgId, text });
      } catch {
        this.resent++;
        continue; // the connection dropped or the answer is late: the same message again (CH3)
      }
      if (!reply.ok) throw new Error(`message:send refused: ${reply.error.code} ${reply.error.message}`);
      return reply.message;
    }
  }

  /** Disconnect for good; a send still waiting for a connection rejects. */
  close(): void {
    this.closed = true;
    this.socket?.close();
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('client closed'));
  }

  private ready(): Promise<TestSocket> {
    if (this.socket?.connected) return Promise.resolve(this.socket);
    if (this.closed) return Promise.reject(new Error('client closed'));
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private attach(socket: TestSocket): void {
    this.socket = socket;
    this.connections++;
    socket.on('message:new', (m) => this.heard.push(m));
    socket.on('chat:ended', (e) => this.ended.push(e));
    socket.on('disconnect', (reason) => {
      this.disconnectReasons.push(reason);
      if (!this.closed) void this.reconnect();
    });
    if (this.connections > 1 && this.sessionId) void this.resume(socket, this.sessionId);
    for (const waiter of this.waiting.splice(0)) waiter.resolve(socket);
  }

  private async resume(socket: TestSocket, sessionId: string): Promise<void> {
    const res = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:resume', { sessionId, afterSeq: this.lastSeq }).catch((err: Error) => err);
    if (res instanceof Error) return; // dropped again: the next connection resumes
    if (!res.ok) this.resumeErrors.push(`${res.error.code} ${res.error.message}`);
    else this.heard.push(...res.messages);
  }

  private async reconnect(): Promise<void> {
    for (let pause = RETRY_FIRST_MS; !this.closed; pause = Math.min(pause * 2, RETRY_MAX_MS)) {
      try {
        const socket = await connectSocket(this.pick(), this.auth);
        if (this.closed) return void socket.close();
        return this.attach(socket);
      } catch {
        await delay(pause); // no node answered: back off, as Socket.IO's own reconnection does
      }
    }
  }
}
