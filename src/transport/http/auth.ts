import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden, unauthenticated } from '../../core/errors.js';
import type { Staff } from '../../core/staff/types.js';
import { STAFF_COOKIE } from '../../protocol/http.js';
import type { Role } from '../../protocol/staff.js';

/** Whether a staff member may act in `roles`; admins can do what moderators can (SPEC §1). */
export const hasRole = (staff: Staff, roles: readonly Role[]): boolean =>
  roles.length === 0 || roles.includes(staff.role) || (staff.role === 'admin' && roles.includes('moderator'));

/** An onRequest hook (before the body is even parsed) that signs the staff member in from the cookie and checks the role (SEC5). */
export const requireStaff =
  (...roles: Role[]) =>
  async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const staff = await req.server.services.staffAuth.authenticate(req.cookies[STAFF_COOKIE]);
    if (!staff) throw unauthenticated();
    if (!hasRole(staff, roles)) throw forbidden();
    req.staff = staff;
  };

/** The staff member the requireStaff hook has signed in. */
export const signedIn = (req: FastifyRequest): Staff => {
  if (!req.staff) throw unauthenticated();
  return req.staff;
};
