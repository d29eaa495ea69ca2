import { AppError, conflict } from '../errors.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { StaffRepository } from '../ports/staff-repository.js';
import type { TokenStore } from '../ports/token-store.js';
import { hashSecret, newSecret } from '../secrets.js';
import type { Staff } from './types.js';

const SETUP_TTL_MS = 24 * 3_600_000;

export interface FirstAdminInput {
  username: string;
  password: string;
  displayName: string;
}

/**
 * How the first admin comes to exist: from BOOTSTRAP_ADMIN_* at boot, or through a one-time setup
 * token printed at boot and accepted by POST /setup while no admin exists.
 */
export class FirstAdmin {
  constructor(
    private readonly repo: StaffRepository,
    private readonly audit: AuditLog,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenStore,
  ) {}

  /** Create the bootstrap admin when no admin exists; returns it, or null when an admin already exists. */
  async bootstrap(input: FirstAdminInput): Promise<Staff | null> {
    if (await this.repo.hasAdmin()) return null;
    return this.create(input, 'bootstrap');
  }

  /** A setup token when no admin exists (valid on every node for 24 h), else null. */
  async issueSetupToken(): Promise<string | null> {
    if (await this.repo.hasAdmin()) return null;
    const token = newSecret();
    await this.tokens.put('setup', hashSecret(token), { createdAt: new Date().toISOString() }, SETUP_TTL_MS);
    return token;
  }

  async setup(setupToken: string, input: FirstAdminInput): Promise<Staff> {
    if (await this.repo.hasAdmin()) throw conflict('Setup is already complete: an admin exists');
    const known = await this.tokens.get('setup', hashSecret(setupToken));
    if (!known) throw new AppError('UNAUTHENTICATED', 'The setup token is not valid. Use the one printed when the server started.');
    const staff = await this.create(input, 'setup');
    if (!staff) throw conflict('Setup is already complete: an admin exists');
    await this.tokens.delete('setup', hashSecret(setupToken));
    return staff;
  }

  private async create(input: FirstAdminInput, via: string): Promise<Staff | null> {
    const passwordHash = await this.hasher.hash(input.password);
    const staff = await this.repo.createFirstAdmin(
      { username: input.username.toLowerCase(), displayName: input.displayName, role: 'admin', topics: [] },
      passwordHash,
    );
    if (staff) await this.audit.append({ actorId: null, action: `admin.${via}`, targetType: 'staff', targetId: staff.id, detail: {} });
    return staff;
  }
}
