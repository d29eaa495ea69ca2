import type { InviteOutcome, NewStaff, Staff, StaffPatch, StaffWithSecret } from '../staff/types.js';

/** Durable staff accounts and their one-time invites. */
export interface StaffRepository {
  findById(id: string): Promise<Staff | null>;
  /** Lookup by username, case-insensitively; includes the password hash for login. */
  findByUsername(username: string): Promise<StaffWithSecret | null>;
  /** Every account, oldest first. */
  list(): Promise<Staff[]>;
  /** Create an account without a password and its invite, in one transaction. Null if the username is taken. */
  createWithInvite(input: NewStaff, invite: { tokenHash: string; expiresAt: Date }): Promise<Staff | null>;
  /** Apply a patch; null when no such account. */
  update(id: string, patch: StaffPatch): Promise<Staff | null>;
  /** The invite's state without changing it (a cheap check before hashing a password). */
  inviteStatus(tokenHash: string, now: Date): Promise<'valid' | 'not_found' | 'expired' | 'used'>;
  /** In one transaction: check the invite, set the password, mark the invite used. */
  acceptInvite(tokenHash: string, passwordHash: string, now: Date): Promise<InviteOutcome>;
  /** Whether an enabled admin exists. */
  hasAdmin(): Promise<boolean>;
  /** Create an admin with a password only while no admin exists (serialised across nodes); null otherwise. */
  createFirstAdmin(input: NewStaff, passwordHash: string): Promise<Staff | null>;
}
