import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedLinkUrl, signLink, verifyLink, type LinkClaims } from './signed-link';

const KEY = 'k3y-for-tests-only-0123456789abcdefghijklmno';
const T = Date.UTC(2025, 2, 1, 12, 0, 0);
const claims: LinkClaims = { incidentId: '7f9c1e52-0b7a-4c1e-9d55-3f2a9a0c8e11', action: 'ack', expiresAt: T + 3_600_000 };

describe('signed links', () => {
  it('signs HMAC-SHA256 over the version, action, expiry and incident id, as base64url', () => {
    const expected = createHmac('sha256', KEY).update(`xops-link-v1\nack\n${T + 3_600_000}\n${claims.incidentId}`).digest('base64url');
    expect(signLink(KEY, claims)).toBe(expected);
    expect(signedLinkUrl('https://xops.example.com/base', KEY, claims)).toBe(
      `https://xops.example.com/base/api/v1/incidents/${claims.incidentId}/ack/signed?exp=${T + 3_600_000}&sig=${expected}`,
    );
  });

  it('accepts its own link until it expires', () => {
    const signature = signLink(KEY, claims);
    expect(verifyLink(KEY, { ...claims, signature }, T)).toEqual({ ok: true, value: claims });
    expect(verifyLink(KEY, { ...claims, signature }, T + 3_599_999).ok).toBe(true);
    expect(verifyLink(KEY, { ...claims, signature }, T + 3_600_000)).toEqual({ ok: false, error: 'expired' });
  });

  it('refuses a tampered signature, another action, another incident, a moved expiry and another key', () => {
    const signature = signLink(KEY, claims);
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    const refused = { ok: false, error: 'bad-signature' };
    expect(verifyLink(KEY, { ...claims, signature: flipped }, T)).toEqual(refused);
    expect(verifyLink(KEY, { ...claims, signature: signature.slice(1) }, T)).toEqual(refused);
    expect(verifyLink(KEY, { ...claims, signature: '' }, T)).toEqual(refused);
    expect(verifyLink(KEY, { ...claims, action: 'resolve', signature }, T)).toEqual(refused);
    expect(verifyLink(KEY, { ...claims, incidentId: 'another-incident', signature }, T)).toEqual(refused);
    expect(verifyLink(KEY, { ...claims, expiresAt: claims.expiresAt + DAY, signature }, T)).toEqual(refused);
    expect(verifyLink('another-key', { ...claims, signature }, T)).toEqual(refused);
    // An expired link with a forged signature is refused as forged, not as expired.
    expect(verifyLink(KEY, { ...claims, signature: flipped }, T + 2 * DAY)).toEqual(refused);
  });
});

const DAY = 86_400_000;
