import type { TokenKind } from '../../core/ports/token-store.js';
import type { MemoryDeadlines } from './deadlines.js';
import type { MemoryLiveHistory } from './live-history.js';
import type { RestorableMatchStore } from './match-store-snapshot.js';
import { SNAPSHOT_FORMAT, type Snapshot } from './snapshot-schema.js';
import type { MemoryTokenStore } from './token-store.js';

/**
 * The memory ports a restart of a single embedded node keeps (REL6). Not kept:
 * - presence: every connection closed with the node; clients count in again as they reconnect.
 * - the salts of address hashes: DATA_DIR already holds the server secret (in the database), and
 *   salt and secret side by side would let anyone with the disk try every IPv4 address against a
 *   hash (PRIV2). So address hashes (seeker-address, ban) are not kept either: after a restart,
 *   under new salts, they would match nothing.
 * - setup tokens: a new one is printed at every start while no admin exists.
 * - rate-limit windows and message budgets, which simply begin again.
 */
export interface MemoryPorts {
  tokens: MemoryTokenStore;
  deadlines: MemoryDeadlines;
  matches: RestorableMatchStore;
  history: MemoryLiveHistory;
}

const KEPT_TOKENS: ReadonlySet<TokenKind> = new Set(['seeker', 'seeker-ref', 'staff-session']);

/** Everything the ports hold that a restart keeps, as of `now`. */
export function capture(ports: MemoryPorts, now: number): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    savedAt: now,
    // Keyed by the hash of each secret, as the store holds them: the file holds no usable token (PRIV2).
    tokens: ports.tokens.dump().filter((t) => KEPT_TOKENS.has(t.kind)),
    deadlines: ports.deadlines.dump(),
    matches: ports.matches.dump(),
    histories: ports.history.dump(),
  };
}

export interface RestoreOptions {
  now: number;
  /** LIVE_HISTORY_TTL_S in ms: message text older than this is not read back (PRIV1). */
  historyWindowMs: number;
  /** How old the file is by its own timestamp, when known; the older of the two ages counts. */
  fileAgeMs?: number;
}

export interface RestoreSummary {
  tokens: number;
  /** Chats waiting or under way. */
  chats: number;
  deadlines: number;
  histories: number;
  /** False when the message text was left out, as older than the live-history window. */
  textKept: boolean;
}

/**
 * Put a snapshot back into empty ports. Tokens and ended chats' histories expire when they would
 * have; what expired while the node was down is dropped. Grace periods and other deadlines resume
 * with the time they had left: while the node is down nobody can come back, so the downtime is not
 * counted against anyone (a chat whose seeker stays away still ends, that long after the start).
 */
export function restore(ports: MemoryPorts, snapshot: Snapshot, options: RestoreOptions): RestoreSummary {
  const { now } = options;
  const downMs = Math.max(0, now - snapshot.savedAt);
  const textFresh = Math.max(downMs, options.fileAgeMs ?? 0) < options.historyWindowMs;
  const tokens = snapshot.tokens.filter((t) => KEPT_TOKENS.has(t.kind) && t.expiresAt > now);
  ports.tokens.load(tokens);
  // A transfer note is written like a message (CH9): it goes with the text.
  const sessions = textFresh ? snapshot.matches.sessions : snapshot.matches.sessions.map((s) => (s.handover ? { ...s, handover: { ...s.handover, note: null } } : s));
  ports.matches.load({ ...snapshot.matches, sessions }, now);
  ports.deadlines.load(snapshot.deadlines.map(({ key, at }) => ({ key, at: at + downMs })));
  const histories = snapshot.histories.flatMap((h) => {
    if (h.expiresAt !== null && h.expiresAt <= now) return [];
    if (textFresh) return [h];
    // The chat's history is gone, but not its numbering: a message sent next must not reuse a seq
    // a client has already seen (CH4). Its earlier messages stay as hidden, empty placeholders.
    return h.expiresAt === null ? [{ ...h, messages: h.messages.map((m) => ({ ...m, text: '', hidden: true })) }] : [];
  });
  ports.history.load(histories);
  const chats = sessions.filter((s) => s.status !== 'ended').length;
  return { tokens: tokens.length, chats, deadlines: snapshot.deadlines.length, histories: histories.length, textKept: textFresh };
}
