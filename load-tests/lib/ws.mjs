// `ws` as Peerline itself has it: the root's copy (one with socket.io's, bufferutil beside it), so
// the benchmarks need no packages of their own.
import { importFromRoot } from './paths.mjs';

const { default: WebSocket } = await importFromRoot('ws');
export default WebSocket;
export const { WebSocketServer } = WebSocket;
