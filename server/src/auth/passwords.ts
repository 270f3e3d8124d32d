import bcrypt from 'bcryptjs';

/** bcrypt, as the committee console's password sign-in needs nothing more. */
export const hashPassword = (password: string, rounds: number) => bcrypt.hash(password, rounds);
export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);

/** Compared against when the login is unknown, so that a wrong name takes as long as a wrong password. */
export const UNKNOWN_PERSON_HASH = bcrypt.hashSync('safemonth-unknown-person', 10);
