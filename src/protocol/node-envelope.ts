import { z } from 'zod';

/**
 * What one node tells the others over Peerline's own Redis stream (REL6, REL7): a versioned JSON
 * envelope per entry. A node reads the envelopes of its own version and of the one before it, so
 * two consecutive versions run side by side during a rolling upgrade. Fields may be added within a
 * version (readers ignore what they do not know); removing or changing one means a new version,
 * and the version after it must still read this one. A release that brings version N+1 reads both
 * and still writes N, so nodes of the release before it read everything during the roll; the next
 * release starts writing N+1.
 */
export const ENVELOPE_VERSION = 1;

const base = { v: z.literal(1), node: z.string().min(1) };

const v1 = z.discriminatedUnion('kind', [
  /** An event to every connection in these rooms. */
  z.object({ ...base, kind: z.literal('emit'), rooms: z.array(z.string()).min(1), event: z.string().min(1), args: z.array(z.unknown()) }),
  /** A message the live history stored (its append wrote this entry, in seq order: CH1). */
  z.object({ ...base, kind: z.literal('message'), sessionId: z.string().min(1), message: z.record(z.string(), z.unknown()) }),
  /** Every connection in `members` joins or leaves `room`. */
  z.object({ ...base, kind: z.literal('join'), room: z.string().min(1), members: z.array(z.string()).min(1) }),
  z.object({ ...base, kind: z.literal('leave'), room: z.string().min(1), members: z.array(z.string()).min(1) }),
  /** Close every connection in these rooms (a ban, a disabled account). */
  z.object({ ...base, kind: z.literal('disconnect'), rooms: z.array(z.string()).min(1) }),
]);

export type NodeEnvelope = z.infer<typeof v1>;
export type EnvelopeKind = NodeEnvelope['kind'];

/** Why an entry was skipped: counted, never fatal, so one bad entry cannot stop a node's reading. */
export type SkipReason = 'not-json' | 'unknown-version' | 'invalid';

/**
 * The envelope an entry holds, as this version reads it, or why it was skipped. When version 2
 * comes, it parses `v: 2` and turns a `v: 1` envelope into its own shape here.
 */
export function decodeEnvelope(json: string): NodeEnvelope | { skipped: SkipReason } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { skipped: 'not-json' };
  }
  const version = (raw as { v?: unknown } | null)?.v;
  if (version !== ENVELOPE_VERSION) return { skipped: 'unknown-version' };
  const parsed = v1.safeParse(raw);
  return parsed.success ? parsed.data : { skipped: 'invalid' };
}

type Body<K extends EnvelopeKind> = Omit<Extract<NodeEnvelope, { kind: K }>, 'v' | 'node' | 'kind'>;

/** An envelope of this version, from node `node`. */
export function encodeEnvelope<K extends EnvelopeKind>(node: string, kind: K, body: Body<K>): string {
  return JSON.stringify({ v: ENVELOPE_VERSION, node, kind, ...body });
}

/**
 * A `message` envelope up to where the message's JSON goes, for the live history's append script,
 * which adds the message (with its seq) and a closing `}`: the message is not encoded twice.
 */
export function messageEnvelopeHead(node: string, sessionId: string): string {
  return `{"v":${ENVELOPE_VERSION},"node":${JSON.stringify(node)},"kind":"message","sessionId":${JSON.stringify(sessionId)},"message":`;
}
