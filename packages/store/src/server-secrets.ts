import type { Kysely } from 'kysely';
import type { XopsDatabase } from './xops-database';

/**
 * The secret `name` the server made for itself (e.g. the key that signs ack links), made now with
 * `generate` if there is none yet. Insert-if-absent, then read: of replicas starting together on
 * one database, the first insert wins and every replica reads that one value.
 */
export async function getOrCreateServerSecret(db: Kysely<XopsDatabase>, name: string, generate: () => string, now: number): Promise<string> {
  await db.insertInto('server_secrets')
    .values({ name, value: generate(), created_at_ms: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}
