import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PREFIX = 'xops_';
// 32 random bytes are 43 base64url characters (no padding).
const TOKEN_SHAPE = /^xops_[\w-]{43}$/;

/**
 * A new API token: `xops_` and 32 random bytes in base64url, 256 bits of entropy. The prefix
 * lets secret scanners and people recognise a leaked xops token.
 */
export function generateTokenSecret(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * The SHA-256 (hex) under which a token is stored. A slow KDF (scrypt, argon2) protects
 * low-entropy passwords from guessing; a 256-bit random token cannot be guessed, so one fast
 * hash is enough, and it lets the store find a token by an indexed lookup on every request.
 */
export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** True when `text` has the shape of a token, so malformed ones never cost a database round trip. */
export function looksLikeTokenSecret(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}
