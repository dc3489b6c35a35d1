import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../../core/ports';

// OWASP's argon2id baseline (argon2id is the library's default algorithm): 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export function argon2Hasher(): PasswordHasher {
  return {
    hash: (password) => hash(password, OPTIONS),
    async verify(stored, password) {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
  };
}
