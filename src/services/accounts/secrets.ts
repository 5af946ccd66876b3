/**
 * Passwords and secret tokens. Passwords are hashed with argon2id (@node-rs/argon2, OWASP's minimum
 * parameters, which are the library's defaults); tokens are 32 random bytes, of which only a SHA-256 is
 * stored, so a copy of the database opens no session and resets no password.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export async function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A stored hash that is not a valid argon2 string matches nothing.
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/**
 * Verify against a hash no password matches, taking as long as a real check, so that a log in for an
 * unknown name answers as slowly as one with a wrong password.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hash(randomBytes(16).toString('hex'));
  await verify(await dummyHash, password).catch(() => false);
  return false;
}

/** A new secret for a cookie, a mailed link or an access token, and the hash to store. */
export function newSecret(prefix = ''): { secret: string; hash: string } {
  const secret = `${prefix}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashSecret(secret) };
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
