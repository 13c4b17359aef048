import { normalizeScopes, roleSchema, tokenScopesSchema } from '@xops/contracts';
import type { TokenGrant, TokenInfo } from '@xops/contracts';
import type { Kysely, Selectable } from 'kysely';
import { randomUUID } from 'node:crypto';
import { appendAuditEntry } from './audit-log';
import { runInTransaction } from './run-in-transaction';
import { StoreConflictError } from './store-conflict-error';
import { isUniqueViolation } from './unique-violation';
import type { ApiTokensTable, XopsDatabase } from './xops-database';
import type { NewToken, TokenRecord } from './xops-store';

/** How many tokens exist (the server creates the first admin token when there are none). */
export async function countApiTokens(db: Kysely<XopsDatabase>): Promise<number> {
  const row = await db.selectFrom('api_tokens').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
  // pg returns count(*), a bigint, as a string; better-sqlite3 returns a number.
  return Number(row.count);
}

/**
 * Stores a token by its hash with a fresh id, and its `token.create` audit entry (id, and role or
 * scopes), in one transaction. Scopes are stored without repeats, in the order of `SCOPES`.
 * Throws `StoreConflictError` when the name (or the hash) is taken.
 */
export async function insertApiToken(db: Kysely<XopsDatabase>, token: NewToken, at: string): Promise<TokenInfo> {
  const grant: TokenGrant = token.scopes === undefined ? { role: token.role } : { scopes: normalizeScopes(token.scopes) };
  const row: Selectable<ApiTokensTable> = {
    id: randomUUID(),
    name: token.name,
    role: grant.role ?? null,
    scopes: grant.scopes === undefined ? null : JSON.stringify(grant.scopes),
    hash: token.hash,
    created_by: token.createdBy,
    created_at: at,
  };
  try {
    await runInTransaction(db, { dryRun: false }, async (trx) => {
      await trx.insertInto('api_tokens').values(row).execute();
      await appendAuditEntry(trx, {
        actor: token.createdBy, action: 'token.create', name: token.name, details: { id: row.id, ...grant },
      }, at);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new StoreConflictError(`a token named "${token.name}" already exists`, { cause: error });
    throw error;
  }
  return toTokenInfo(row);
}

/** The token whose hash this is, with its hash, or undefined. */
export async function findApiTokenByHash(db: Kysely<XopsDatabase>, hash: string): Promise<TokenRecord | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('hash', '=', hash).executeTakeFirst();
  return row && { ...toTokenInfo(row), hash: row.hash };
}

/** Every token, without hashes, ordered by name. */
export async function listApiTokens(db: Kysely<XopsDatabase>): Promise<TokenInfo[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().orderBy('name').execute();
  return rows.map(toTokenInfo);
}

function toTokenInfo(row: Selectable<ApiTokensTable>): TokenInfo {
  const { id, name, created_at: createdAt, created_by: createdBy } = row;
  // The schema holds exactly one of the two (check api_tokens_role_or_scopes).
  if (row.scopes !== null) return { id, name, scopes: tokenScopesSchema.parse(JSON.parse(row.scopes)), createdAt, createdBy };
  return { id, name, role: roleSchema.parse(row.role), createdAt, createdBy };
}
