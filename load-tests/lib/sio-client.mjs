// A lean Socket.IO client (engine.io protocol 4, socket.io protocol 5, websocket transport only) on
// `ws` with bufferutil. The load generators use it instead of socket.io-client so that the generator
// spends as little CPU per message as the server does, and can offer more load than it costs.
import WebSocket from './ws.mjs';

export class SioClient {
  #ws;
  #nextAck = 0;
  #acks = new Map();
  #handlers = new Map();
  #connected;
  closed = false;

  /** Connect to `baseUrl` (http://host:port) with socket.io `auth`, and extra handshake `headers`. */
  static connect(baseUrl, { auth, headers, timeoutMs = 30_000 } = {}) {
    const client = new SioClient();
    const url = `${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    client.#ws = new WebSocket(url, { headers, perMessageDeflate: false });
    client.#connected = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket.io connect timed out')), timeoutMs);
      client.#ws.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      client.#ws.on('close', () => {
        client.closed = true;
        clearTimeout(timer);
        reject(new Error('closed before connecting'));
        client.#handlers.get('disconnect')?.();
      });
      client.#ws.on('message', (data) => {
        const text = data.toString();
        const type = text.charCodeAt(0);
        if (type === 50 /* 2 ping */) return client.#ws.send('3');
        if (type === 48 /* 0 open */) return client.#ws.send(auth ? `40${JSON.stringify(auth)}` : '40');
        if (type !== 52 /* 4 message */) return;
        const kind = text.charCodeAt(1);
        if (kind === 50 /* 2 event */) {
          const [event, ...args] = JSON.parse(text.slice(2 + digits(text, 2)));
          client.#handlers.get(event)?.(...args);
        } else if (kind === 51 /* 3 ack */) {
          const n = digits(text, 2);
          const id = Number(text.slice(2, 2 + n));
          const callback = client.#acks.get(id);
          client.#acks.delete(id);
          callback?.(JSON.parse(text.slice(2 + n))[0]);
        } else if (kind === 48 /* 0 connect */) {
          clearTimeout(timer);
          resolve(client);
        } else if (kind === 52 /* 4 connect error */) {
          clearTimeout(timer);
          reject(new Error(`socket.io refused: ${text.slice(2)}`));
        }
      });
    });
    return client.#connected;
  }

  /** Listen to a server event (one listener per event). */
  on(event, handler) {
    this.#handlers.set(event, handler);
    return this;
  }

  /** Emit without an acknowledgement. */
  emit(event, payload) {
    this.#ws.send(`42${JSON.stringify([event, payload])}`);
  }

  /** Emit and resolve with the server's acknowledgement. */
  request(event, payload) {
    const id = this.#nextAck++;
    return new Promise((resolve) => {
      this.#acks.set(id, resolve);
      this.#ws.send(`42${id}${JSON.stringify([event, payload])}`);
    });
  }

  close() {
    this.closed = true;
    this.#ws.close();
  }

  terminate() {
    this.closed = true;
    this.#ws.terminate();
  }
}

/** How many decimal digits start `text` at `from` (a packet's ack id). */
function digits(text, from) {
  let i = from;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  return i - from;
}
