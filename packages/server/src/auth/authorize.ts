import { roleAllows, type Role, type Scope, type TokenGrant } from '@xops/contracts';
import { XopsError } from '../http/xops-error';

/** Who is calling: the name of the token the request carried, and its role or (ingest token) scopes. */
export type Principal = { readonly name: string } & TokenGrant;

/**
 * What an ingest route asks of its caller (ADR 0010): an ingest token carrying `scope`, or a role
 * token of at least `orRole`.
 *
 * @example config: { access: { scope: 'ingest:metrics', orRole: 'editor' } }
 */
export interface ScopedAccess {
  readonly scope: Scope;
  readonly orRole: Role;
}

/**
 * What a route asks of its caller: no token at all (`public`), a role token of at least this
 * role, or a scope (`ScopedAccess`). Ingest tokens pass only `ScopedAccess` routes of their scopes.
 */
export type Access = Role | 'public' | ScopedAccess;

/**
 * Why `principal` may not call a route that asks for `access`, as the 403 to answer with, or
 * undefined when it may. Pure, so that every pairing of token and route is tested in one place.
 */
export function accessRefusal(principal: Principal, access: Exclude<Access, 'public'>): XopsError | undefined {
  const token = `token "${principal.name}"`;
  if (typeof access === 'string') {
    if (principal.role !== undefined) {
      if (roleAllows(principal.role, access)) return undefined;
      return new XopsError('XOPS_ERR_FORBIDDEN', `This needs the ${access} role; ${token} has ${principal.role}.`, {
        required: access, held: principal.role,
      });
    }
    return new XopsError('XOPS_ERR_FORBIDDEN',
      `This needs the ${access} role; ${token} is an ingest token (${principal.scopes.join(', ')}) and can only send data to the ingest endpoints of its scopes.`,
      { required: access, heldScopes: principal.scopes });
  }
  const { scope, orRole } = access;
  if (principal.role === undefined ? principal.scopes.includes(scope) : roleAllows(principal.role, orRole)) return undefined;
  const held = principal.role === undefined ? `is an ingest token for ${principal.scopes.join(', ')}` : `has ${principal.role}`;
  return new XopsError('XOPS_ERR_FORBIDDEN',
    `This needs a token with scope ${scope}, or the ${orRole} role; ${token} ${held}. `
      + `Create a sender's token with: xops token create NAME --scope ${scope}`,
    { requiredScope: scope, orRole, ...(principal.role === undefined ? { heldScopes: principal.scopes } : { held: principal.role }) });
}
