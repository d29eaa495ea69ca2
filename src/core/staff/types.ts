import type { Role } from '../../protocol/staff.js';

/** A staff account as the rest of the system sees it (never the password hash). */
export interface Staff {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  topics: string[];
  disabled: boolean;
}

/** A staff account with its password hash, for login only. */
export interface StaffWithSecret extends Staff {
  passwordHash: string | null;
}

export interface NewStaff {
  username: string;
  displayName: string;
  role: Role;
  topics: string[];
}

export interface StaffPatch {
  displayName?: string;
  role?: Role;
  topics?: string[];
  disabled?: boolean;
}

export type InviteOutcome =
  | { status: 'accepted'; staff: Staff }
  | { status: 'not_found' | 'expired' | 'used' };

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  /** The actor's display name (UX6); null for the system. */
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  detail: Record<string, unknown>;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'actorName'>;
