import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../paths.js';

export const BUILT_SERVER = join(PROJECT_ROOT, 'dist', 'src', 'server.js');

export interface ServerProcess {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with the base URL once the server logs that it listens. */
  listening: Promise<string>;
  /** Resolves with the exit code (or signal) when the process ends. */
  exited: Promise<number | string>;
}

/** What `npm start` runs: the build check, then the server in the same process. */
export const START_SCRIPT = join(PROJECT_ROOT, 'scripts', 'start.mjs');

/** Run the built server (or `script`) as a real process with exactly `env` (nothing inherited) in `cwd`. */
export function startServerProcess(env: Record<string, string>, cwd: string, script = BUILT_SERVER): ServerProcess {
  const child = spawn(process.execPath, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const listening = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Server listening at (http:\/\/[^"\s]+)/.exec(out);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', () => reject(new Error(`server exited before listening:\n${out}`)));
  });
  listening.catch(() => undefined);
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, output: () => out, listening, exited };
}
