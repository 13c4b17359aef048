import { storedObjectSchema } from '@xops/contracts';
import type { StoredObject } from '@xops/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { ConfigObjectsTable, XopsDatabase } from './xops-database';
import type { StoreEngine } from './xops-store';

/** A config object's row, as read back from either engine. */
export type ConfigObjectRow = Selectable<ConfigObjectsTable>;

/** All objects of `kind` (or of every kind), ordered by kind then name. */
export async function listConfigObjects(db: Kysely<XopsDatabase>, kind?: string): Promise<StoredObject[]> {
  const rows = await db.selectFrom('config_objects')
    .selectAll()
    .$if(kind !== undefined, (qb) => qb.where('kind', '=', kind ?? ''))
    .orderBy('kind')
    .orderBy('name')
    .execute();
  return rows.map(toStoredObject);
}

/** One object by its key, or undefined. */
export async function getConfigObject(db: Kysely<XopsDatabase>, kind: string, name: string): Promise<StoredObject | undefined> {
  const row = await db.selectFrom('config_objects').selectAll()
    .where('kind', '=', kind).where('name', '=', name)
    .executeTakeFirst();
  return row && toStoredObject(row);
}

/**
 * Reads one row inside a transaction and, on PostgreSQL, locks it until the transaction ends,
 * so two replicas applying the same object cannot both compute the next revision from the same
 * base. SQLite has no row locks and needs none: the store's one connection runs one transaction
 * at a time, and SQLite lets one writer at a time at the file.
 */
export async function readRowForUpdate(
  trx: Kysely<XopsDatabase>,
  engine: StoreEngine,
  ref: { kind: string; name: string },
): Promise<ConfigObjectRow | undefined> {
  return trx.selectFrom('config_objects').selectAll()
    .where('kind', '=', ref.kind).where('name', '=', ref.name)
    .$if(engine === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirst();
}

/** The API view of a row; the JSON column is parsed and checked, never trusted as is. */
export function toStoredObject(row: ConfigObjectRow): StoredObject {
  return {
    kind: row.kind,
    name: row.name,
    apiVersion: row.api_version,
    object: storedObjectSchema.shape.object.parse(JSON.parse(row.document)),
    revision: row.revision,
    sourceText: row.source_text,
    sourceFile: row.source_file,
    appliedBy: row.applied_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
