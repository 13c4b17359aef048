import { z } from 'zod';
import { ROLES, roleSchema, type Role } from './role';
import { normalizeScopes, SCOPES, scopeSchema, type Scope } from './scope';

/**
 * What a token may do (ADR 0010): a role token carries a role, an ingest token one or more
 * scopes, never both. On the wire the key that is present tells them apart, so a role token
 * reads exactly as it did before scopes existed.
 */
export type TokenGrant =
  | { readonly role: Role; readonly scopes?: never }
  | { readonly scopes: readonly Scope[]; readonly role?: never };

const NEITHER = `give a role (${ROLES.join(', ')}) or scopes (${SCOPES.join(', ')})`;

/**
 * `POST /api/v1/tokens`: a name and either `role` or `scopes`. Scopes come out without repeats,
 * in the order of `SCOPES`.
 */
export const tokenCreateRequestSchema = z.strictObject({
  name: z.string().min(1).max(100).regex(/^[a-zA-Z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
  role: roleSchema.optional().describe('A role token: viewer, responder, editor or admin. Leave out for an ingest token.'),
  scopes: z.array(scopeSchema).min(1, 'an ingest token needs at least one scope').optional()
    .describe(`An ingest token, which can call only the ingest routes of its scopes: ${SCOPES.join(', ')}. Leave out for a role token.`),
}).transform((body, ctx): TokenCreateRequest => {
  if (body.role !== undefined && body.scopes === undefined) return { name: body.name, role: body.role };
  if (body.scopes !== undefined && body.role === undefined) return { name: body.name, scopes: normalizeScopes(body.scopes) };
  ctx.addIssue({
    code: 'custom',
    path: body.role === undefined ? [] : ['scopes'],
    message: body.role === undefined ? NEITHER : 'give a role or scopes, not both: an ingest token has no role',
  });
  return z.NEVER;
});
export type TokenCreateRequest = { readonly name: string } & TokenGrant;

const id = z.string();
const name = z.string();
const createdAt = z.string();
const createdBy = z.string();
/** The scopes of an ingest token, as stored and listed. */
export const tokenScopesSchema = z.array(scopeSchema).min(1);
const roleTokenInfoSchema = z.object({ id, name, role: roleSchema, createdAt, createdBy });
const ingestTokenInfoSchema = z.object({ id, name, scopes: tokenScopesSchema, createdAt, createdBy });

/** A token as listed: its role, or its scopes for an ingest token; never its secret or hash. */
export const tokenInfoSchema = z.union([roleTokenInfoSchema, ingestTokenInfoSchema]);
export type TokenInfo = z.infer<typeof tokenInfoSchema>;

/** Returned once, on creation: the plaintext token is never stored or shown again. */
export const tokenCreatedSchema = z.union([
  roleTokenInfoSchema.extend({ token: z.string() }),
  ingestTokenInfoSchema.extend({ token: z.string() }),
]);
export type TokenCreated = z.infer<typeof tokenCreatedSchema>;
