import { AppError } from '../errors.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { StaffRepository } from '../ports/staff-repository.js';
import type { TokenStore } from '../ports/token-store.js';
import { hashSecret, newSecret } from '../secrets.js';
import type { Staff } from './types.js';

export const LOGIN_FAILED = 'Username or password is not right';

export interface StaffLogin {
  staff: Staff;
  sessionToken: string;
  expiresAt: Date;
}

/**
 * Staff sign-in: argon2id passwords (SEC3), a uniform answer whether the username or the password
 * was wrong, a per-address budget of failed attempts, and server-side sessions that logout ends.
 */
export class StaffAuth {
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly repo: StaffRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: TokenStore,
    private readonly failedLogins: RateLimiter,
    private readonly sessionTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async login(username: string, password: string, addressKey: string): Promise<StaffLogin> {
    // Spend the point before the slow hash, so parallel guesses cannot all slip past the check.
    const gate = await this.failedLogins.consume(addressKey);
    if (!gate.allowed) throw this.limited(gate.retryAfterMs);
    const account = await this.repo.findByUsername(username.trim().toLowerCase());
    // Verify against a real hash even for unknown users, so timing does not tell which part was wrong.
    const hash = account?.passwordHash ?? (await (this.dummyHash ??= this.hasher.hash(newSecret())));
    const matches = await this.hasher.verify(hash, password);
    if (!account || !account.passwordHash || !matches || account.disabled) throw new AppError('UNAUTHENTICATED', LOGIN_FAILED);
    await this.failedLogins.refund(addressKey);
    const sessionToken = newSecret();
    const expiresAt = new Date(this.now() + this.sessionTtlMs);
    await this.sessions.put('staff-session', hashSecret(sessionToken), { staffId: account.id }, this.sessionTtlMs);
    const { passwordHash: _secret, ...staff } = account;
    return { staff, sessionToken, expiresAt };
  }

  /** The enabled staff member behind a session token, or null. */
  async authenticate(sessionToken: string | undefined): Promise<Staff | null> {
    if (!sessionToken || sessionToken.length > 200) return null;
    const record = await this.sessions.get('staff-session', hashSecret(sessionToken));
    if (!record || typeof record.staffId !== 'string') return null;
    const staff = await this.repo.findById(record.staffId);
    return staff && !staff.disabled ? staff : null;
  }

  /** End a session; the caller disconnects that staff member's sockets. */
  async logout(sessionToken: string): Promise<void> {
    await this.sessions.delete('staff-session', hashSecret(sessionToken));
  }

  private limited(retryAfterMs: number): AppError {
    return new AppError('RATE_LIMITED', 'Too many failed sign-ins from this network. Please wait and try again.', {
      details: { retryAfterMs },
    });
  }
}
