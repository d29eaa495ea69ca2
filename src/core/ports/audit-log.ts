import type { AuditEntry, NewAuditEntry } from '../staff/types.js';

/** The append-only log of staff actions (MOD5). Entries are never updated or deleted. */
export interface AuditLog {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first, at most `limit`, optionally only entries older than `before` (an entry id). */
  list(options: { limit: number; before?: string }): Promise<AuditEntry[]>;
}
