import type { Flag } from '../../../src/protocol/events.js';

const RANK = { high: 0, medium: 1, low: 2 } as const;

/** The queue order: most severe first, then oldest first. */
export const byUrgency = (a: Flag, b: Flag) => RANK[a.severity] - RANK[b.severity] || a.createdAt.localeCompare(b.createdAt);

/** Apply a live flag event to the open queue: new or still open → in (once), resolved → out. */
export function upsertOpen(open: Flag[], flag: Flag): Flag[] {
  const rest = open.filter((f) => f.id !== flag.id);
  return (flag.status === 'open' ? [...rest, flag] : rest).sort(byUrgency);
}
