import type { Kysely, Migration } from 'kysely';

/**
 * Drops the two indexes of `alerts` no query reads (0005): `alerts_unrouted` (routed_at_ms,
 * received_at_ms) and `alerts_group` (group_key, status); members of a group are read by
 * fingerprint (`alerts_fingerprint`). Every index is written by every alert the intake stores,
 * and `alerts_group`'s keys are as scattered as the groups: one more page per alert at commit
 * (the `alerts` benchmark, bench/RESULTS.md).
 */
export function alertIndexTrimMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('alerts_unrouted').ifExists().execute();
      await db.schema.dropIndex('alerts_group').ifExists().execute();
    },
  };
}
