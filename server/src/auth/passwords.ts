import argon2 from 'argon2';

/**
 * argon2id, hashed on libuv's thread pool so sign-ins never stall the event loop. `memoryKib` is
 * the cost: OWASP's 19 MiB with two passes by default; tests lower it.
 */
export const hashPassword = (password: string, memoryKib: number) =>
  argon2.hash(password, { type: argon2.argon2id, memoryCost: memoryKib, timeCost: 2, parallelism: 1 });

export const verifyPassword = (password: string, hash: string) => argon2.verify(hash, password);

/** Compared against when the login is unknown, so that a wrong name takes as long as a wrong password. */
export const UNKNOWN_PERSON_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$enljXrW232qgEk+AQUjWMg$pGDbaBu7CgQCbsKZU18OIRxqtjyzonqVU67Ho2S0r6U';
