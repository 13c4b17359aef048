import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { StoreEngine } from '../xops-store';

/** The row of `change_counters` that numbers incidents (#1, #2, …) across replicas. */
export const INCIDENT_COUNTER = 'incidents';

/**
 * From alert to postmortem (issue 5, ADR 0013): alerts with their durable state, alert groups
 * with their notification timers, incidents with their timeline and escalation, the notification
 * outbox, silences, postmortems with action items, and the secrets that sign links.
 *
 * Times are epoch milliseconds (bigint), as in 0002: the loops compare them on every pass
 * (`next_at_ms <= now`). Labels, payloads and snapshots are JSON text, as in 0001.
 */
export function incidentsMigration(engine: StoreEngine): Migration {
  const key = engine === 'postgres' ? sql`text collate "C"` : sql`text`;
  const id = engine === 'postgres' ? 'bigint' : 'integer';
  return {
    async up(db: Kysely<unknown>) {
      // One row per alert a source knows (Alertmanager fingerprint, PagerDuty dedup_key, SLO rule).
      await db.schema.createTable('alerts')
        .addColumn('id', key, (c) => c.primaryKey())
        .addColumn('source', key, (c) => c.notNull())
        .addColumn('dedup_key', key, (c) => c.notNull())
        .addColumn('fingerprint', key, (c) => c.notNull())
        .addColumn('labels', 'text', (c) => c.notNull())
        .addColumn('annotations', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('starts_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('ends_at_ms', 'bigint')
        .addColumn('received_at_ms', 'bigint', (c) => c.notNull())
        // Set once the router has placed the alert; null while it waits to be routed.
        .addColumn('routed_at_ms', 'bigint')
        .addColumn('route', key)
        .addColumn('group_key', key)
        .addColumn('incident_id', key)
        // Why it pages no one, when it does not: `silence:<id>`, `inhibited:<fingerprint>`, `maintenance:<name>`.
        .addColumn('suppressed_by', 'text')
        .addUniqueConstraint('alerts_source_dedup_key', ['source', 'dedup_key'])
        .execute();
      await db.schema.createIndex('alerts_unrouted').on('alerts').columns(['routed_at_ms', 'received_at_ms']).execute();
      await db.schema.createIndex('alerts_group').on('alerts').columns(['group_key', 'status']).execute();

      // One row per group of a route (Alertmanager's aggregation group), with its timers.
      await db.schema.createTable('alert_groups')
        .addColumn('group_key', key, (c) => c.primaryKey())
        .addColumn('route', key, (c) => c.notNull())
        .addColumn('group_labels', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        // The routing state machine's state (core/src/routing), as JSON.
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('next_at_ms', 'bigint')
        .addColumn('incident_id', key)
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('alert_groups_due').on('alert_groups').column('next_at_ms').execute();

      await db.schema.createTable('incidents')
        .addColumn('id', key, (c) => c.primaryKey())
        .addColumn('number', 'bigint', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('group_key', key)
        .addColumn('services', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('escalation_policy', key)
        .addColumn('declared_by', 'text')
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('acknowledged_at_ms', 'bigint')
        .addColumn('mitigated_at_ms', 'bigint')
        .addColumn('resolved_at_ms', 'bigint')
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('incidents_state').on('incidents').columns(['state', 'created_at_ms']).execute();
      await db.schema.createIndex('incidents_group').on('incidents').columns(['group_key', 'state']).execute();
      await sql`insert into change_counters (name, value) values (${INCIDENT_COUNTER}, 0)`.execute(db);

      // The timeline: every alert, page, ack, state and role change, note and public update.
      await db.schema.createTable('incident_events')
        .addColumn('id', id, (c) => engine === 'postgres'
          ? c.primaryKey().generatedByDefaultAsIdentity()
          : c.primaryKey().autoIncrement())
        .addColumn('incident_id', key, (c) => c.notNull())
        .addColumn('at_ms', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('details', 'text')
        // 1 for a public update, shown on the status page; 0 for what stays internal. An integer
        // rather than a boolean: better-sqlite3 binds no booleans.
        .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.createIndex('incident_events_incident').on('incident_events').columns(['incident_id', 'at_ms', 'id']).execute();

      // The escalation of an open incident: where it stands in its policy (snapshotted at opening).
      await db.schema.createTable('escalations')
        .addColumn('incident_id', key, (c) => c.primaryKey())
        .addColumn('policy', 'text', (c) => c.notNull())
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('round', 'integer', (c) => c.notNull())
        .addColumn('next_at_ms', 'bigint')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('escalations_due').on('escalations').column('next_at_ms').execute();

      // The durable outbox (DESIGN.md §5): written in the transaction that decided to notify.
      await db.schema.createTable('outbox')
        .addColumn('id', key, (c) => c.primaryKey())
        .addColumn('idempotency_key', key, (c) => c.notNull().unique())
        .addColumn('incident_id', key)
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at_ms', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('delivered_at_ms', 'bigint')
        .execute();
      await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at_ms']).execute();
      await db.schema.createIndex('outbox_incident').on('outbox').column('incident_id').execute();

      await db.schema.createTable('silences')
        .addColumn('id', key, (c) => c.primaryKey())
        .addColumn('matchers', 'text', (c) => c.notNull())
        .addColumn('starts_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('ends_at_ms', 'bigint')
        // A silence that ends when this alert (by fingerprint) resolves.
        .addColumn('until_resolved', key)
        .addColumn('comment', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('expired_at_ms', 'bigint')
        .execute();

      await db.schema.createTable('postmortems')
        .addColumn('incident_id', key, (c) => c.primaryKey())
        .addColumn('document', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();

      await db.schema.createTable('action_items')
        .addColumn('id', key, (c) => c.primaryKey())
        .addColumn('incident_id', key, (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('owner', 'text', (c) => c.notNull())
        // A calendar date, `YYYY-MM-DD`.
        .addColumn('due_date', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .addColumn('updated_at_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('action_items_incident').on('action_items').column('incident_id').execute();

      // Secrets the server makes for itself once (the key that signs ack links), shared by replicas.
      await db.schema.createTable('server_secrets')
        .addColumn('name', key, (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('created_at_ms', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
