import { describe, expect, it } from 'vitest';
import { generateTokenSecret, hashTokenSecret, looksLikeTokenSecret } from './token-secret';

describe('token secrets', () => {
  it('are xops_ and 43 base64url characters, different every time', () => {
    const a = generateTokenSecret();
    expect(a).toMatch(/^xops_[A-Za-z0-9_-]{43}$/);
    expect(looksLikeTokenSecret(a)).toBe(true);
    expect(generateTokenSecret()).not.toBe(a);
  });

  it('are hashed with SHA-256 in hex (FIPS 180-2 test vector "abc")', () => {
    expect(hashTokenSecret('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('reject what cannot be a token', () => {
    for (const text of ['', 'xops_', `xops_${'a'.repeat(42)}`, `xops_${'a'.repeat(44)}`, `XOPS_${'a'.repeat(43)}`, `xops_${'+'.repeat(43)}`]) {
      expect(looksLikeTokenSecret(text), text).toBe(false);
    }
  });
});
