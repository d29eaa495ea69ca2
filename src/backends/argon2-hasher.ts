import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../core/ports/password-hasher.js';

/** argon2id (SEC3) with OWASP's minimum parameters: 19 MiB, 2 passes, 1 lane. */
export class Argon2Hasher implements PasswordHasher {
  private readonly options = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  async verify(hashed: string, password: string): Promise<boolean> {
    try {
      return await verify(hashed, password);
    } catch {
      return false;
    }
  }
}
