// Child processes: servers and load generators, each with its file-descriptor limit raised (10,000
// sockets need more than the usual 1,024), so every process gets a core of its own to compete for.
import { spawn } from 'node:child_process';

const RAISE_FD_LIMIT = 'ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"';

/**
 * Start `node [nodeArgs] script [args]` with `env` (added to this process's environment).
 * `ipc` gives a message channel (generators report through it).
 */
export function startNode(script, { args = [], env = {}, nodeArgs = [], cwd, ipc = false } = {}) {
  const child = spawn('sh', ['-c', RAISE_FD_LIMIT, process.execPath, ...nodeArgs, script, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])],
  });
  let output = '';
  const keep = (chunk) => {
    output += chunk;
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  return {
    child,
    pid: child.pid,
    output: () => output,
    exited,
    /** Resolves with the first match of `pattern` in the output (e.g. the URL it listens on). */
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`timed out waiting for ${pattern} from ${script}:\n${output.slice(-2000)}`)), timeoutMs);
        const check = () => {
          const m = pattern.exec(output);
          if (m) done(null, m);
        };
        const onExit = () => done(new Error(`${script} exited before ${pattern}:\n${output.slice(-2000)}`));
        function done(err, m) {
          clearTimeout(timer);
          child.stdout.off('data', check);
          child.stderr.off('data', check);
          child.off('exit', onExit);
          if (err) reject(err);
          else resolve(m);
        }
        child.stdout.on('data', check);
        child.stderr.on('data', check);
        child.once('exit', onExit);
        check();
      });
    },
    /** Next IPC message of `type` from the child. */
    message(type, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`no '${type}' from ${script} in ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs);
        const onMessage = (m) => {
          if (m?.type === 'error') finish(new Error(`${script}: ${m.message}`));
          else if (m?.type === type) finish(null, m);
        };
        const onExit = (code) => finish(new Error(`${script} exited (${code}) before '${type}':\n${output.slice(-2000)}`));
        function finish(err, m) {
          clearTimeout(timer);
          child.off('message', onMessage);
          child.off('exit', onExit);
          if (err) reject(err);
          else resolve(m);
        }
        child.on('message', onMessage);
        child.once('exit', onExit);
      });
    },
    send(message) {
      child.send(message);
    },
    async stop(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** The node process behind a startNode() handle: sh execs into node, so it is the same pid. */
export const nodePid = (proc) => proc.pid;
