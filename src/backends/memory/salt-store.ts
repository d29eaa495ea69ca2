import { newSecret } from '../../core/secrets.js';
import type { SaltStore } from '../../core/ports/salt-store.js';

/** Single-node SaltStore: salts live in this process only and older days are forgotten. */
export class MemorySaltStore implements SaltStore {
  private readonly salts = new Map<number, string>();

  async saltFor(day: number): Promise<string> {
    let salt = this.salts.get(day);
    if (!salt) {
      salt = newSecret();
      this.salts.set(day, salt);
      for (const known of this.salts.keys()) if (known < day - 1) this.salts.delete(known);
    }
    return salt;
  }
}
