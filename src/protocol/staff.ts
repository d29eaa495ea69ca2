import { z } from 'zod';

export const roleSchema = z.enum(['specialist', 'moderator', 'admin']);
export type Role = z.infer<typeof roleSchema>;

const username = z
  .string()
  .trim()
  .min(3)
  .max(64)
  .regex(/^[a-zA-Z0-9._-]+$/, 'use letters, digits, dot, dash or underscore')
  .transform((v) => v.toLowerCase());
/** SEC1: a name seekers read: something visible in it, and no bidi controls to turn it around ("Sam\u202Egnp.exe"). */
const displayName = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .refine((v) => !/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/.test(v), 'a name cannot hold text-direction controls')
  .refine((v) => /[\p{L}\p{N}\p{S}\p{P}]/u.test(v), 'a name needs a visible character');
const topicId = z.string().trim().min(1).max(40);
export const passwordSchema = z.string().min(12, 'at least 12 characters').max(256);

/** `staff` in every response: `{id, username, displayName, role, topics}` (SPEC §4). */
export const staffSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  topics: z.array(z.string()),
  disabled: z.boolean(),
});

export type StaffView = z.infer<typeof staffSchema>;

export const loginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
export const setupBody = z.object({
  setupToken: z.string().min(1).max(200),
  username,
  password: passwordSchema,
  displayName,
});
export const createStaffBody = z.object({ username, displayName, role: roleSchema, topics: z.array(topicId).max(50).optional() });
export const patchStaffBody = z
  .object({ displayName: displayName.optional(), role: roleSchema.optional(), topics: z.array(topicId).max(50).optional(), disabled: z.boolean().optional() })
  .refine((p) => Object.keys(p).length > 0, 'give at least one field to change');
export const acceptInviteBody = z.object({ inviteToken: z.string().min(1).max(200), password: passwordSchema });
export const staffIdParams = z.object({ id: z.string().uuid() });
