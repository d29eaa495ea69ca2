import { AppError, conflict, notFound } from '../errors.js';
import type { AuditLog } from '../ports/audit-log.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { StaffRepository } from '../ports/staff-repository.js';
import { hashSecret, newSecret } from '../secrets.js';
import type { NewStaff, Staff, StaffPatch } from './types.js';

export interface CreatedStaff {
  staff: Staff;
  inviteToken: string;
  inviteExpiresAt: Date;
}

/** Admin management of staff accounts, with one-time expiring invites; every change is audited. */
export class StaffAdmin {
  constructor(
    private readonly repo: StaffRepository,
    private readonly audit: AuditLog,
    private readonly hasher: PasswordHasher,
    private readonly inviteTtlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  list(): Promise<Staff[]> {
    return this.repo.list();
  }

  async create(actor: Staff, input: NewStaff): Promise<CreatedStaff> {
    const inviteToken = newSecret();
    const inviteExpiresAt = new Date(this.now() + this.inviteTtlMs);
    const staff = await this.repo.createWithInvite(input, { tokenHash: hashSecret(inviteToken), expiresAt: inviteExpiresAt });
    if (!staff) throw conflict(`The username "${input.username}" is already taken`);
    await this.audit.append({ actorId: actor.id, action: 'staff.create', targetType: 'staff', targetId: staff.id, detail: { role: staff.role } });
    return { staff, inviteToken, inviteExpiresAt };
  }

  async update(actor: Staff, id: string, patch: StaffPatch): Promise<Staff> {
    if (actor.id === id && (patch.disabled === true || (patch.role && patch.role !== 'admin'))) {
      throw conflict('You cannot disable your own account or remove your own admin role');
    }
    const staff = await this.repo.update(id, patch);
    if (!staff) throw notFound('Staff member');
    await this.audit.append({ actorId: actor.id, action: 'staff.update', targetType: 'staff', targetId: id, detail: { ...patch } });
    return staff;
  }

  async acceptInvite(inviteToken: string, password: string): Promise<Staff> {
    const tokenHash = hashSecret(inviteToken);
    const status = await this.repo.inviteStatus(tokenHash, new Date(this.now()));
    // Hash only for a live invite; the accept below re-checks it atomically.
    const outcome =
      status === 'valid'
        ? await this.repo.acceptInvite(tokenHash, await this.hasher.hash(password), new Date(this.now()))
        : { status };
    switch (outcome.status) {
      case 'accepted':
        await this.audit.append({ actorId: outcome.staff.id, action: 'invite.accept', targetType: 'staff', targetId: outcome.staff.id, detail: {} });
        return outcome.staff;
      case 'used':
        throw new AppError('CONFLICT', 'This invite has already been used. Ask an admin for a new one.');
      case 'expired':
        throw new AppError('NOT_FOUND', 'This invite has expired. Ask an admin for a new one.');
      default:
        throw new AppError('NOT_FOUND', 'This invite link is not valid.');
    }
  }
}
