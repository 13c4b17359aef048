import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { StoreEngine } from '../xops-store';

// Exactly one of the two: `<>` of two truth values is "xor" on both engines.
const ROLE_OR_SCOPES = sql`(role is null) <> (scopes is null)`;

/**
 * Scoped ingest tokens (ADR 0010): `api_tokens` gets `scopes`, a JSON array of scope names as
 * text (like every JSON column, see 0001-initial), and `role` becomes nullable, with a check that
 * a token has a role or scopes, never both nor neither. Existing tokens keep their role.
 *
 * PostgreSQL alters the table in place. SQLite cannot drop a NOT NULL or add a CHECK to an
 * existing table, so it rebuilds it the way the SQLite manual describes ("Making Other Kinds Of
 * Table Schema Changes", sqlite.org/lang_altertable.html §7): create, copy, drop, rename, in one
 * transaction, since Kysely runs SQLite migrations outside one. No other table refers to
 * `api_tokens`, so foreign keys need no care.
 */
export function scopedTokensMigration(engine: StoreEngine): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (engine === 'postgres') {
        await db.schema.alterTable('api_tokens').alterColumn('role', (c) => c.dropNotNull()).execute();
        await db.schema.alterTable('api_tokens').addColumn('scopes', 'text').execute();
        await db.schema.alterTable('api_tokens').addCheckConstraint('api_tokens_role_or_scopes', ROLE_OR_SCOPES).execute();
        return;
      }
      await db.transaction().execute(async (trx) => {
        await trx.schema.createTable('api_tokens_0004')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull().unique())
          .addColumn('role', 'text')
          .addColumn('scopes', 'text')
          .addColumn('hash', 'text', (c) => c.notNull().unique())
          .addColumn('created_by', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addCheckConstraint('api_tokens_role_or_scopes', ROLE_OR_SCOPES)
          .execute();
        await sql`insert into api_tokens_0004 (id, name, role, scopes, hash, created_by, created_at)
          select id, name, role, null, hash, created_by, created_at from api_tokens`.execute(trx);
        await trx.schema.dropTable('api_tokens').execute();
        await trx.schema.alterTable('api_tokens_0004').renameTo('api_tokens').execute();
      });
    },
  };
}
