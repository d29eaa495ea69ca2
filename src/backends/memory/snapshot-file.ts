import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { capture, restore, type MemoryPorts } from './snapshot.js';
import { snapshotSchema, type Snapshot } from './snapshot-schema.js';

/** The snapshot's name in DATA_DIR. It exists only while the node is stopped. */
export const SNAPSHOT_FILE = 'memory-state.json';
const TEMP_SUFFIX = '.partial';

/** Where the snapshot code writes its few lines: kinds and counts only, never content (PRIV1, PRIV2). */
export interface SnapshotLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** Why a snapshot was not read back. */
export type SnapshotProblem = 'unreadable' | 'not deleted' | 'not JSON' | 'invalid';

/**
 * Read the snapshot in `dir` and delete it at once, whatever it holds, with any half-written one a
 * crash left: the message text in it is read back once and never again (PRIV1). Null when there is
 * none; `problem` when it cannot be used, and then the node starts empty.
 */
export async function takeSnapshot(dir: string): Promise<{ snapshot: Snapshot; fileAgeMs: number } | { problem: SnapshotProblem } | null> {
  const file = join(dir, SNAPSHOT_FILE);
  await rm(file + TEMP_SUFFIX, { force: true }).catch(() => undefined);
  let raw: string;
  let fileAgeMs: number;
  try {
    fileAgeMs = Math.max(0, Date.now() - (await stat(file)).mtimeMs);
    raw = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    await rm(file, { force: true }).catch(() => undefined);
    return { problem: 'unreadable' };
  }
  // Kept, the file would be read again at the next start, however old its text by then.
  if (!(await rm(file, { force: true }).then(() => true, () => false))) return { problem: 'not deleted' };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { problem: 'not JSON' };
  }
  const parsed = snapshotSchema.safeParse(json);
  return parsed.success ? { snapshot: parsed.data, fileAgeMs } : { problem: 'invalid' };
}

/**
 * Delete a snapshot an embedded run left in `dir`, for a node that starts on other backends and so
 * will never read it: its message text must not wait on disk for an embedded start that may never
 * come (PRIV1). True when there was one.
 */
export async function discardSnapshot(dir: string): Promise<boolean> {
  const file = join(dir, SNAPSHOT_FILE);
  const existed = await stat(file).then(() => true, () => false);
  await Promise.all([rm(file, { force: true }), rm(file + TEMP_SUFFIX, { force: true })]).catch(() => undefined);
  return existed;
}

/**
 * Write the snapshot readable by this user only (0600), under a temporary name first: a crash
 * mid-write leaves no half file under the real name, only a temporary one the next start deletes.
 */
export async function writeSnapshot(dir: string, snapshot: Snapshot): Promise<void> {
  const file = join(dir, SNAPSHOT_FILE);
  const temp = file + TEMP_SUFFIX;
  // Created anew, so the mode applies: an older file of the same name could have had another.
  await rm(temp, { force: true });
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(JSON.stringify(snapshot));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
}

/**
 * Keep the memory ports across a restart of the node (REL6): restore the snapshot in `dir`, if
 * any, into the empty ports now; the function returned saves the next one as the node stops.
 */
export async function keepAcrossRestarts(dir: string, ports: MemoryPorts, historyWindowMs: number, log: SnapshotLog): Promise<() => Promise<void>> {
  const taken = await takeSnapshot(dir);
  if (taken && 'problem' in taken) log.warn({ problem: taken.problem }, 'state snapshot ignored; starting with no live chats');
  if (taken && 'snapshot' in taken) {
    const summary = restore(ports, taken.snapshot, { now: Date.now(), historyWindowMs, fileAgeMs: taken.fileAgeMs });
    log.info(summary, 'live chats and logins restored from the state snapshot');
  }
  return async () => {
    try {
      await writeSnapshot(dir, capture(ports, Date.now()));
    } catch (err) {
      log.warn({ code: (err as NodeJS.ErrnoException).code }, 'state snapshot not written; live chats end with this node');
    }
  };
}
