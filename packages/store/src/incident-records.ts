import type { IncidentLifecycle, IncidentSeverity, IncidentState } from '@xops/core';
import { incidentEventKindSchema, incidentSchema, incidentSeveritySchema, incidentStateSchema, type IncidentEventKind } from '@xops/contracts';
import { z } from 'zod';
import type { Kysely, Selectable } from 'kysely';
import { randomUUID } from 'node:crypto';
import { takeSequenceNumbers } from './change-counter';
import { INCIDENT_COUNTER } from './migrations/0005-incidents';
import type { IncidentEventsTable, IncidentsTable, XopsDatabase } from './xops-database';

/** An incident as the store holds it; times are epoch ms. */
export interface IncidentRecord extends IncidentLifecycle {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly groupKey: string | null;
  readonly services: readonly string[];
  readonly escalationPolicy: string | null;
  readonly declaredBy: string | null;
  readonly updatedAt: number;
}

export interface NewIncident {
  readonly title: string;
  readonly severity: IncidentSeverity;
  readonly groupKey: string | null;
  readonly services: readonly string[];
  readonly escalationPolicy: string | null;
  readonly declaredBy: string | null;
}

/** One timeline entry to write; `at` is epoch ms. */
export interface NewIncidentEvent {
  readonly at: number;
  readonly kind: IncidentEventKind;
  readonly actor: string;
  readonly text: string;
  readonly details?: unknown;
  readonly public?: boolean;
}

/** A timeline entry as stored. */
export interface IncidentEventRecord extends Required<Omit<NewIncidentEvent, 'details'>> {
  readonly id: number;
  readonly incidentId: string;
  readonly details?: unknown;
}

/**
 * Opens an incident with the next number and its `opened` timeline entry. Call inside the
 * transaction that decided to open it: the number comes from the `incidents` change counter,
 * whose row stays locked until commit, so numbers are dense and in commit order on every replica.
 */
export async function insertIncident(trx: Kysely<XopsDatabase>, incident: NewIncident, now: number): Promise<IncidentRecord> {
  const number = await takeSequenceNumbers(trx, INCIDENT_COUNTER, 1);
  const row: Selectable<IncidentsTable> = {
    id: randomUUID(), number, title: incident.title, state: 'triggered', severity: incident.severity, group_key: incident.groupKey,
    services: JSON.stringify(incident.services), roles: '{}', escalation_policy: incident.escalationPolicy, declared_by: incident.declaredBy,
    created_at_ms: now, acknowledged_at_ms: null, mitigated_at_ms: null, resolved_at_ms: null, updated_at_ms: now,
  };
  await trx.insertInto('incidents').values(row).execute();
  await appendIncidentEvents(trx, row.id, [{
    at: now, kind: 'opened', actor: incident.declaredBy ?? 'xops', text: `#${number} opened: ${incident.title}`,
    details: { severity: incident.severity, groupKey: incident.groupKey, services: incident.services },
  }]);
  return toIncidentRecord(row);
}

/** The open (not resolved) incident of an alert group, if any: a group joins it rather than opening another. */
export async function findOpenIncidentByGroup(db: Kysely<XopsDatabase>, groupKey: string): Promise<IncidentRecord | undefined> {
  const row = await db.selectFrom('incidents').selectAll()
    .where('group_key', '=', groupKey).where('state', '!=', 'resolved')
    .orderBy('number', 'desc').executeTakeFirst();
  return row && toIncidentRecord(row);
}

/** An incident by id, or by number when `ref` is `#42` or `42`. `forUpdate` locks its row (PostgreSQL) until the transaction ends. */
export async function getIncidentRecord(db: Kysely<XopsDatabase>, ref: string, forUpdate = false): Promise<IncidentRecord | undefined> {
  const number = /^#?(\d{1,15})$/.exec(ref)?.[1];
  const row = await db.selectFrom('incidents').selectAll()
    .$if(number === undefined, (qb) => qb.where('id', '=', ref))
    .$if(number !== undefined, (qb) => qb.where('number', '=', Number(number)))
    .$if(forUpdate, (qb) => qb.forUpdate())
    .executeTakeFirst();
  return row && toIncidentRecord(row);
}

/** Incidents newest first; `state: 'open'` means not resolved. */
export async function listIncidentRecords(db: Kysely<XopsDatabase>, options: { state?: IncidentState | 'open'; limit?: number } = {}): Promise<IncidentRecord[]> {
  const { state, limit = 500 } = options;
  const rows = await db.selectFrom('incidents').selectAll()
    .$if(state === 'open', (qb) => qb.where('state', '!=', 'resolved'))
    .$if(state !== undefined && state !== 'open', (qb) => qb.where('state', '=', state ?? ''))
    .orderBy('number', 'desc').limit(limit).execute();
  return rows.map(toIncidentRecord);
}

/** Writes an incident's new lifecycle (state, times, severity, roles) as `applyIncidentAction` gave it. */
export async function saveIncidentLifecycle(trx: Kysely<XopsDatabase>, id: string, lifecycle: IncidentLifecycle, now: number): Promise<void> {
  await trx.updateTable('incidents').set({
    state: lifecycle.state, severity: lifecycle.severity, roles: JSON.stringify(lifecycle.roles),
    acknowledged_at_ms: lifecycle.acknowledgedAt, mitigated_at_ms: lifecycle.mitigatedAt, resolved_at_ms: lifecycle.resolvedAt,
    updated_at_ms: now,
  }).where('id', '=', id).execute();
}

/** Appends timeline entries to one incident, in the caller's transaction. */
export async function appendIncidentEvents(trx: Kysely<XopsDatabase>, incidentId: string, events: readonly NewIncidentEvent[]): Promise<void> {
  if (events.length === 0) return;
  await trx.insertInto('incident_events').values(events.map((event) => ({
    incident_id: incidentId, at_ms: event.at, kind: event.kind, actor: event.actor, text: event.text,
    details: event.details === undefined ? null : JSON.stringify(event.details), public: event.public === true ? 1 : 0,
  }))).execute();
}

/** An incident's timeline, oldest first (by time, then by the order written). */
export async function listIncidentEvents(db: Kysely<XopsDatabase>, incidentId: string): Promise<IncidentEventRecord[]> {
  const rows = await db.selectFrom('incident_events').selectAll().where('incident_id', '=', incidentId).orderBy('at_ms').orderBy('id').execute();
  return rows.map(toIncidentEventRecord);
}

export function toIncidentRecord(row: Selectable<IncidentsTable>): IncidentRecord {
  return {
    id: row.id, number: Number(row.number), title: row.title,
    state: incidentStateSchema.parse(row.state), severity: incidentSeveritySchema.parse(row.severity),
    roles: incidentSchema.shape.roles.parse(JSON.parse(row.roles)), groupKey: row.group_key, services: SERVICES.parse(JSON.parse(row.services)),
    escalationPolicy: row.escalation_policy, declaredBy: row.declared_by,
    createdAt: Number(row.created_at_ms), acknowledgedAt: numberOrNull(row.acknowledged_at_ms),
    mitigatedAt: numberOrNull(row.mitigated_at_ms), resolvedAt: numberOrNull(row.resolved_at_ms), updatedAt: Number(row.updated_at_ms),
  };
}

function toIncidentEventRecord(row: Selectable<IncidentEventsTable>): IncidentEventRecord {
  return {
    id: Number(row.id), incidentId: row.incident_id, at: Number(row.at_ms), kind: incidentEventKindSchema.parse(row.kind), actor: row.actor, text: row.text,
    ...(row.details === null ? {} : { details: JSON.parse(row.details) as unknown }), public: Number(row.public) === 1,
  };
}

const SERVICES = z.array(z.string());
const numberOrNull = (value: number | null): number | null => (value === null ? null : Number(value));
