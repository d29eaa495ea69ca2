import type { AuditEntry } from '../../../src/protocol/http.js';

// Ids are long and alike; their first characters tell entries apart on one screen.
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LABELS: Record<string, string> = { sessionId: 'chat', messageId: 'message', flagId: 'flag', sentResources: 'crisis lines sent', to: 'sent to' };

const label = (key: string): string => LABELS[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

function value(v: unknown): string {
  if (v === null || v === undefined) return 'none';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return ID.test(v) ? v.slice(0, 8) : v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.length ? v.map(value).join(', ') : 'none';
  if (typeof v === 'object') return Object.entries(v).map(([k, x]) => `${label(k)} ${value(x)}`).join(', ');
  return String(v);
}

/** An entry's details as "key: value" lines a person reads (UX6), never raw JSON; empty fields left out. */
export const detailLines = (detail: AuditEntry['detail']): string[] =>
  Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${label(k)}: ${value(v)}`);

/** "flag.hide_message" → "flag: hide message". */
export const actionLabel = (action: string): string => action.replace('.', ': ').replace(/_/g, ' ');

/** Who acted: their display name, or the system (UX6). */
export const actorLabel = (entry: AuditEntry): string => entry.actorName ?? (entry.actorId ? 'a former account' : 'system');

export const targetLabel = (entry: AuditEntry): string => `${entry.targetType}${entry.targetId ? ` ${value(entry.targetId)}` : ''}`;
