import { z } from 'zod';

export const MAX_MESSAGE_CHARS = 4000;

export const senderSchema = z.enum(['seeker', 'specialist', 'system']);

/** `Message` of the wire contract (SPEC §5). */
export const messageSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  seq: z.number().int().positive(),
  sender: senderSchema,
  text: z.string(),
  sentAt: z.string(),
  redacted: z.boolean(),
  /**
   * Added to the contract (CH9): on `chat:resume`, the display name of the specialist who wrote a
   * specialist's message (null when no longer known), so the parts of a handed-over chat are told apart.
   */
  specialistName: z.string().nullable().optional(),
  /** Added to the contract (CH9): on a specialist's `chat:resume`, a message from before they joined (shared by the seeker). */
  earlier: z.boolean().optional(),
});
export type Message = z.infer<typeof messageSchema>;
