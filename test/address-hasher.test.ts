import { describe, expect, it } from 'vitest';
import { MemorySaltStore } from '../src/backends/memory/salt-store.js';
import { AddressHasher, addressKey } from '../src/core/identity/address-hasher.js';
import { keyedHash } from '../src/core/secrets.js';

describe('address hashing', () => {
  it('[PRIV2] keys IPv4 as is and IPv6 by its /64, so one host cannot mint fresh budgets', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:0db8:0000:0001:ffff:ffff:ffff:ffff')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('2001:db8:0:2::1')).not.toBe(addressKey('2001:db8:0:1::1'));
  });

  it('[MOD5] gives the same key within a day and another key the next day; never the address itself', async () => {
    let now = Date.UTC(2026, 10, 21, 12);
    const hasher = new AddressHasher(new MemorySaltStore(), 'server secret', () => now);
    const first = await hasher.hash('203.0.113.9');
    expect(first).not.toContain('203.0.113.9');
    expect(await hasher.hash('203.0.113.9')).toBe(first);
    expect(await hasher.hash('203.0.113.10')).not.toBe(first);
    now += 86_400_000;
    expect(await hasher.hash('203.0.113.9')).not.toBe(first);
  });

  it('[PRIV2] a hash cannot be matched to an address from the salts alone: the key needs the server secret', async () => {
    const salts = new MemorySaltStore();
    const now = () => Date.UTC(2026, 10, 21, 12);
    const day = Math.floor(now() / 86_400_000);
    const hash = await new AddressHasher(salts, 'secret one', now).hash('203.0.113.9');
    // What Redis holds (the salt and the hash) does not reproduce it without the secret...
    expect(keyedHash(await salts.saltFor(day), addressKey('203.0.113.9'))).not.toBe(hash);
    expect(await new AddressHasher(salts, 'secret two', now).hash('203.0.113.9')).not.toBe(hash);
    // ...and every node with the same secret and salts agrees.
    expect(await new AddressHasher(salts, 'secret one', now).hash('203.0.113.9')).toBe(hash);
  });
});
