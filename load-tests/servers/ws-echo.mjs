// Baseline: a raw `ws` echo server (with bufferutil), every message sent back as it came. Nothing in
// Node can answer a websocket message faster, so it marks the physical limit on this machine.
import { createServer } from 'node:http';
import { importFromRoot } from '../lib/paths.mjs';

// ws as Peerline itself has it (the root's copy, with bufferutil beside it).
const { WebSocketServer } = (await importFromRoot('ws')).default;

const httpServer = createServer();
const wss = new WebSocketServer({ server: httpServer, perMessageDeflate: false });
wss.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary })));
httpServer.listen(0, '127.0.0.1', () => {
  process.stdout.write(`ws-echo listening at http://127.0.0.1:${httpServer.address().port}\n`);
});
