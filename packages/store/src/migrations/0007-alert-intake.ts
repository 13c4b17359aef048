import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/** The row of `change_counters` holding the id of the last SLO alert transition the alert pipeline took in. */
export const SLO_ALERTS_CURSOR = 'slo-alerts';

/**
 * What the alert pipeline (ADR 0013) needs beyond 0005:
 * - `alerts.outcome`: what routing did with the alert last (`paged:escalation-policy/payments`, …);
 * - `alerts.inhibition_source`: 1 when the alert's labels match the source side of an inhibition
 *   rule, so that an intake reads only the firing alerts that can inhibit, not every firing alert;
 * - `silences.until_resolved_starts_at_ms`: the firing episode a silence "until resolved" is tied
 *   to, so the same alert firing again later is not silenced (core's `Silence.untilResolved`);
 * - indexes for the lookups one intake transaction makes: member alerts by fingerprint, the
 *   alerts of an incident, the firing alerts inhibition looks at, the newest alerts first;
 * - the cursor of the SLO alert source, starting after the transitions already recorded, so an
 *   upgrade does not page for alerts that fired before it.
 */
export function alertIntakeMigration(): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('alerts').addColumn('outcome', 'text').execute();
      // An integer rather than a boolean: better-sqlite3 binds no booleans.
      await db.schema.alterTable('alerts').addColumn('inhibition_source', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('silences').addColumn('until_resolved_starts_at_ms', 'bigint').execute();
      await db.schema.createIndex('alerts_fingerprint').on('alerts').column('fingerprint').execute();
      await db.schema.createIndex('alerts_incident').on('alerts').column('incident_id').execute();
      await db.schema.createIndex('alerts_inhibiting').on('alerts').columns(['status', 'inhibition_source']).execute();
      await db.schema.createIndex('alerts_received').on('alerts').columns(['received_at_ms', 'id']).execute();
      await sql`insert into change_counters (name, value) select ${SLO_ALERTS_CURSOR}, coalesce(max(id), 0) from alert_transitions`.execute(db);
    },
  };
}
