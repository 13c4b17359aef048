import type { Kysely, Migration } from 'kysely';
import { FINGERPRINT_INDEX_CONDITION } from '../alert-fingerprint-lookup';

/**
 * Makes `alerts_fingerprint` partial: Alertmanager's alerts, keyed by their fingerprint, are found
 * by that key on the `(source, dedup_key)` index instead (alert-fingerprint-lookup.ts). Each alert
 * the intake stores wrote an entry at a random place in both indexes: one page more in the WAL
 * per alert at commit, a third of the pages of an Alertmanager webhook's transaction.
 */
export function alertFingerprintIndexMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.dropIndex('alerts_fingerprint').execute();
      await db.schema.createIndex('alerts_fingerprint').on('alerts').column('fingerprint').where(FINGERPRINT_INDEX_CONDITION).execute();
    },
  };
}
