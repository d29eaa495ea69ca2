import type { Backends } from './backends/select.js';
import type { Config } from './config.js';
import { AddressHasher } from './core/identity/address-hasher.js';
import { SeekerIdentityService } from './core/identity/seeker-identity.js';
import { FirstAdmin } from './core/staff/first-admin.js';
import { StaffAdmin } from './core/staff/staff-admin.js';
import { StaffAuth } from './core/staff/staff-auth.js';
import type { AuditLog } from './core/ports/audit-log.js';
import type { SessionQueries } from './core/ports/session-queries.js';

/** The core services, wired to the chosen backends. Transports call these and nothing below them. */
export interface Services {
  addresses: AddressHasher;
  seekers: SeekerIdentityService;
  staffAuth: StaffAuth;
  staffAdmin: StaffAdmin;
  firstAdmin: FirstAdmin;
  audit: AuditLog;
  sessions: SessionQueries;
}

export function createServices(config: Config, b: Backends): Services {
  return {
    addresses: new AddressHasher(b.salts, b.addressSecret),
    seekers: new SeekerIdentityService(
      b.tokens,
      b.limiters('seeker-tokens', config.RATE_SEEKER_TOKENS, 60),
      config.SEEKER_TOKEN_TTL_S * 1000,
      Date.now,
      b.limiters('banned-address-tokens', config.RATE_BANNED_ADDRESS_TOKENS, 3_600),
    ),
    staffAuth: new StaffAuth(
      b.staff,
      b.hasher,
      b.tokens,
      b.limiters('failed-logins', config.RATE_FAILED_LOGINS, 15 * 60),
      config.STAFF_SESSION_TTL_H * 3_600_000,
    ),
    staffAdmin: new StaffAdmin(b.staff, b.audit, b.hasher, config.INVITE_TTL_H * 3_600_000),
    firstAdmin: new FirstAdmin(b.staff, b.audit, b.hasher, b.tokens),
    audit: b.audit,
    sessions: b.sessions,
  };
}
