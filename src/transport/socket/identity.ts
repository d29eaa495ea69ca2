import type { Services } from '../../services.js';
import { STAFF_COOKIE } from '../../protocol/http.js';
import { actorKey, type Actor } from '../../core/chat/actor.js';
import type { MessageBudget } from '../../core/ports/rate-limiter.js';
import type { ErrorCode } from '../../protocol/errors.js';

/** Who is on the other end of a socket, decided once at the handshake. */
export type SocketIdentity = Actor;

export interface SocketData {
  identity: SocketIdentity;
  /** The seeker's open session on this socket, watched for queue:update pushes (MQ7). */
  sessionId?: string;
  /** Last position told to this socket (pushed, or in an acknowledgement)... */
  lastPosition?: number;
  /** ...and when (epoch ms): MQ7 tells a seeker their place at most once a second. */
  positionAt?: number;
  /** The on-shift count last told: MQ7 pushes a change of it too. */
  lastOnShift?: number;
  /** The last ETA told, with its session and place: it caps the next (MQ7). */
  lastEta?: { sessionId: string; position: number; seconds: number };
  /** Its identity's message budget (SEC2, shared with the identity's other sockets), kept from the first message. */
  budget?: MessageBudget;
}

/**
 * A refused handshake, for a Socket.IO middleware's `next`: the client's connect_error has the code
 * as its message (as UNAUTHENTICATED is sent) and `data: {code, message}`.
 */
export const handshakeRefusal = (code: ErrorCode, message: string): Error & { data: { code: ErrorCode; message: string } } =>
  Object.assign(new Error(code), { data: { code, message } });

/** The per-identity room every tab of a user joins: `seeker:<id>` or `staff:<id>`. */
export const identityRoom = actorKey;

/**
 * Seekers authenticate with `auth.token` (from POST /seekers), staff with the login cookie.
 * Anything else is refused. Returns null for a refusal.
 */
export async function identify(
  services: Services,
  auth: unknown,
  cookies: Record<string, string | undefined>,
): Promise<SocketIdentity | null> {
  const token = typeof auth === 'object' && auth !== null && 'token' in auth ? (auth as { token: unknown }).token : undefined;
  if (typeof token === 'string' && token) {
    const seeker = await services.seekers.verify(token);
    return seeker ? { kind: 'seeker', ...seeker } : null;
  }
  const sessionToken = cookies[STAFF_COOKIE];
  if (!sessionToken) return null;
  const staff = await services.staffAuth.authenticate(sessionToken);
  return staff ? { kind: 'staff', staffId: staff.id, role: staff.role, displayName: staff.displayName } : null;
}
