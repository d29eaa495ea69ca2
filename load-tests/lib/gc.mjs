// A full garbage collection in another Node process, through its inspector (started with
// --inspect=127.0.0.1:0), so memory is read without the garbage of the moment in it.
import WebSocket from './ws.mjs';

export const INSPECT = '--inspect=127.0.0.1:0';

/** The inspector URL a process printed at start. */
export const inspectorUrl = async (proc) => (await proc.waitFor(/Debugger listening on (ws:\/\/\S+)/))[1];

export async function collectGarbage(url) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  for (let i = 1; i <= 2; i++) {
    await new Promise((resolve) => {
      ws.on('message', function done(data) {
        if (JSON.parse(data.toString()).id !== i) return;
        ws.off('message', done);
        resolve();
      });
      ws.send(JSON.stringify({ id: i, method: 'HeapProfiler.collectGarbage' }));
    });
  }
  ws.close();
}
