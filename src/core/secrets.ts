import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';

/** A fresh random secret: 256 bits, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** The only form in which a secret is ever stored: its SHA-256, hex. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** A keyed hash: the same input and key always give the same output, unlinkable without the key. */
export const keyedHash = (key: string, value: string): string => createHmac('sha256', key).update(value).digest('hex').slice(0, 32);

export const newId = (): string => randomUUID();
