import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Result } from '@xops/core';
import type { XopsStore } from '@xops/store';
import { publicUrl } from './public-url';

/** What a signed link may do to an incident, without a token. */
export type LinkAction = 'ack' | 'resolve';

/** One signed link's claims: the incident, the action, and until when (epoch ms) the link works. */
export interface LinkClaims {
  readonly incidentId: string;
  readonly action: LinkAction;
  readonly expiresAt: number;
}

/** Why a link is refused: its signature does not match its claims, or it has expired. */
export type LinkRefusal = 'bad-signature' | 'expired';

/** The `server_secrets` row holding the key that signs links. */
export const LINK_KEY_SECRET = 'link-signing-key';
/** How long a link in a notification works: a day from the delivery. */
export const DEFAULT_LINK_TTL_MS = 24 * 60 * 60 * 1000;

// A version tag, so a later format cannot be confused with this one; the incident id comes last,
// so no choice of id can make two different claims sign the same text.
const signedText = (claims: LinkClaims): string => `xops-link-v1\n${claims.action}\n${claims.expiresAt}\n${claims.incidentId}`;

/**
 * The signature of a link: HMAC-SHA256 with `key` over the incident id, the action and the expiry,
 * as base64url (43 characters).
 */
export function signLink(key: string, claims: LinkClaims): string {
  return createHmac('sha256', key).update(signedText(claims)).digest('base64url');
}

/**
 * Checks a link's signature against its claims, in constant time, then its expiry (a link works
 * while `now < expiresAt`). A signature made for another incident, another action or another
 * expiry is `bad-signature`.
 */
export function verifyLink(key: string, link: LinkClaims & { readonly signature: string }, now: number): Result<LinkClaims, LinkRefusal> {
  const expected = Buffer.from(signLink(key, link));
  const given = Buffer.from(link.signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, error: 'bad-signature' };
  if (now >= link.expiresAt) return { ok: false, error: 'expired' };
  return { ok: true, value: { incidentId: link.incidentId, action: link.action, expiresAt: link.expiresAt } };
}

/**
 * The full link: `<baseUrl>/api/v1/incidents/<id>/<action>/signed?exp=<epoch ms>&sig=<signature>`.
 *
 * @example signedLinkUrl('https://xops.example.com', key, { incidentId: 'a1', action: 'ack', expiresAt: 1767225600000 })
 */
export function signedLinkUrl(baseUrl: string, key: string, claims: LinkClaims): string {
  const url = publicUrl(baseUrl, `api/v1/incidents/${encodeURIComponent(claims.incidentId)}/${claims.action}/signed`);
  url.searchParams.set('exp', String(claims.expiresAt));
  url.searchParams.set('sig', signLink(key, claims));
  return url.href;
}

/**
 * The key that signs links, made once (32 random bytes) and kept in `server_secrets`, so every
 * replica signs and checks with the same key and links survive restarts.
 */
export function loadLinkKey(store: XopsStore): Promise<string> {
  return store.getOrCreateServerSecret(LINK_KEY_SECRET, () => randomBytes(32).toString('base64url'));
}
