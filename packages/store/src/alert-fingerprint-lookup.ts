import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { XopsDatabase } from './xops-database';

/**
 * The source whose dedup key is, as a rule, the alert's fingerprint: Alertmanager keys each alert
 * by the label hash that xops computes too (integrations/alertmanager).
 */
const FINGERPRINT_KEYED_SOURCE = 'alertmanager';

/**
 * The condition of the partial index `alerts_fingerprint` (migration 0009): only the alerts whose
 * fingerprint cannot be found by their key. Written the same in the index and in the queries, so
 * that SQLite and PostgreSQL see the queries imply it and use the index.
 */
export const FINGERPRINT_INDEX_CONDITION = sql<SqlBool>`(source <> ${sql.lit(FINGERPRINT_KEYED_SOURCE)} or fingerprint <> dedup_key)`;

/**
 * The two ways to find the alerts of some fingerprints, each on an index: those in the partial
 * fingerprint index, and Alertmanager's alerts keyed by their fingerprint, on the unique
 * `(source, dedup_key)` index. Every alert is found by exactly one of the two. The second spares
 * the intake one index entry at a random place per Alertmanager alert, a page in the WAL at each
 * commit (bench/RESULTS.md, alerts).
 *
 * @example for (const where of fingerprintLookups(['c4f2a1d0e9b87a36'])) rows.push(...await db.selectFrom('alerts').selectAll().where(where).execute());
 */
export function fingerprintLookups(fingerprints: readonly string[]): ((eb: ExpressionBuilder<XopsDatabase, 'alerts'>) => Expression<SqlBool>)[] {
  return [
    (eb) => eb.and([eb('fingerprint', 'in', fingerprints), FINGERPRINT_INDEX_CONDITION]),
    (eb) => eb.and([eb('source', '=', FINGERPRINT_KEYED_SOURCE), eb('dedup_key', 'in', fingerprints), sql<SqlBool>`fingerprint = dedup_key`]),
  ];
}
