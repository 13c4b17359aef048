import type { XopsStore } from '@xops/store';
import { toXopsError } from '../http/to-xops-error';
import { generateTokenSecret, hashTokenSecret } from './token-secret';

/**
 * On a store without any token, creates the token `admin` (role admin, created by `system`) and
 * returns its plaintext, which exists nowhere else: the caller shows it once. Returns undefined
 * when tokens exist, including when another replica won the race to create the first one.
 */
export async function bootstrapAdminToken(store: XopsStore): Promise<string | undefined> {
  if ((await store.countTokens()) > 0) return undefined;
  const secret = generateTokenSecret();
  try {
    await store.insertToken({ name: 'admin', role: 'admin', hash: hashTokenSecret(secret), createdBy: 'system' });
  } catch (error) {
    if (toXopsError(error)?.code === 'XOPS_ERR_CONFLICT') return undefined;
    throw error;
  }
  return secret;
}
