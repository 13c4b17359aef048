import { isFiring, type AlertGroup, type TrackedAlert } from '@xops/core';
import type { Kysely } from 'kysely';
import { incidentAlertOf } from './act-on-group-notification';
import { alertEvent, alertResolvedEvent, resolveAlertIncident } from './alert-incidents';
import type { AlertRowSet } from './alert-row-set';
import { countFiringAlertsOfIncident, type AlertRow } from './alerts';
import { appendIncidentEvents, getIncidentRecord, type IncidentRecord, type NewIncidentEvent } from './incident-records';
import type { XopsDatabase } from './xops-database';

/**
 * Timeline entries for alerts of an open incident whose status changed: `alert-resolved`, or
 * `alert` when one fires again. Returns the incidents that may have no firing alert left.
 */
export async function recordStatusChanges(trx: Kysely<XopsDatabase>, rows: AlertRowSet, now: number, incidents: Map<string, IncidentRecord>): Promise<Set<string>> {
  const changes: { row: AlertRow; incidentId: string; resolved: boolean }[] = [];
  for (const [row, before] of rows.entries()) {
    if (before === null || before.incident_id === null || row.incident_id !== before.incident_id || before.status === row.status) continue;
    changes.push({ row, incidentId: before.incident_id, resolved: row.status !== 'firing' });
  }
  const candidates = new Set<string>();
  if (changes.length === 0) return candidates;
  const open = await openIncidents(trx, changes.map((change) => change.incidentId), incidents);
  const events = new Map<string, NewIncidentEvent[]>();
  for (const { row, incidentId, resolved } of changes) {
    if (!open.has(incidentId)) continue;
    const alert = incidentAlertOf(row);
    events.set(incidentId, [...(events.get(incidentId) ?? []), resolved ? alertResolvedEvent(alert, now) : alertEvent(alert, now, true)]);
    if (resolved) candidates.add(incidentId);
  }
  for (const [incidentId, entries] of events) await appendIncidentEvents(trx, incidentId, entries);
  return candidates;
}

/** Resolves each candidate incident once no alert of its own, and none of its group, fires. */
export async function resolveQuietIncidents(
  trx: Kysely<XopsDatabase>,
  context: { candidates: ReadonlySet<string>; state: { alerts: Readonly<Record<string, TrackedAlert>>; groups: Readonly<Record<string, AlertGroup>> }; now: number; incidents: Map<string, IncidentRecord> },
): Promise<void> {
  const { candidates, state, now, incidents } = context;
  for (const incidentId of candidates) {
    const incident = incidents.get(incidentId) ?? await getIncidentRecord(trx, incidentId);
    if (incident === undefined || incident.state === 'resolved') continue;
    const group = incident.groupKey === null || !Object.hasOwn(state.groups, incident.groupKey) ? undefined : state.groups[incident.groupKey];
    const groupFires = group?.members.some((fingerprint) => {
      const alert = Object.hasOwn(state.alerts, fingerprint) ? state.alerts[fingerprint] : undefined;
      return alert !== undefined && isFiring(alert, now);
    }) ?? false;
    if (groupFires || await countFiringAlertsOfIncident(trx, incidentId, now) > 0) continue;
    if (await resolveAlertIncident(trx, incident, now)) incidents.set(incidentId, { ...incident, state: 'resolved', resolvedAt: now, updatedAt: now });
  }
}

/** The ids among `ids` of incidents that are not resolved. */
async function openIncidents(trx: Kysely<XopsDatabase>, ids: readonly string[], known: ReadonlyMap<string, IncidentRecord>): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  const rows = await trx.selectFrom('incidents').select(['id', 'state']).where('id', 'in', unique).execute();
  return new Set(rows.filter((row) => (known.get(row.id)?.state ?? row.state) !== 'resolved').map((row) => row.id));
}
