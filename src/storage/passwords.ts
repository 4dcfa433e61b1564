/** argon2id password hashing (prebuilt binary from npm, no download at install). */
import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../domain/auth/auth.ports.js';

export const argon2Hasher: PasswordHasher = {
  // argon2id with the library's defaults (m=19 MiB, t=2, p=1), the OWASP minimum.
  hash: (password) => hash(password),
  async verify(stored, password) {
    try {
      return await verify(stored, password);
    } catch {
      return false;
    }
  },
};
