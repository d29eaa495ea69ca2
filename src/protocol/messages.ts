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
});
export type Message = z.infer<typeof messageSchema>;
