// Baseline: a raw `ws` echo server (with bufferutil), every message sent back as it came. Nothing in
// Node can answer a websocket message faster, so it marks the physical limit on this machine.
import { createServer } from 'node:http';
import { WebSocketServer } from '../lib/ws.mjs';

const httpServer = createServer();
const wss = new WebSocketServer({ server: httpServer, perMessageDeflate: false });
wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
httpServer.listen(0, '127.0.0.1', () => {
  process.stdout.write(`ws-echo listening at http://127.0.0.1:${httpServer.address().port}\n`);
});
