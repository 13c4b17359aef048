import { applyIncidentAction, incidentSeverityOfAlerts, type LabelSet, type Result } from '@xops/core';
import type { Kysely } from 'kysely';
import type { EscalationSnapshot } from './escalation-snapshot';
import { startEscalation, stopEscalation } from './escalations';
import {
  appendIncidentEvents, findOpenIncidentByGroup, getIncidentRecord, insertIncident, saveIncidentLifecycle,
  type IncidentRecord, type NewIncidentEvent,
} from './incident-records';
import type { XopsDatabase } from './xops-database';

/** An alert as the incident side of the pipeline sees it: enough for a timeline entry. */
export interface IncidentAlert {
  readonly fingerprint: string;
  readonly source: string;
  readonly labels: LabelSet;
  readonly summary: string;
}

const ACTOR = 'xops';
const MAX_TITLE = 200;

/** An incident's title from its first alerts: the first one's summary, and how many more. */
export function incidentTitleOf(alerts: readonly IncidentAlert[]): string {
  const first = alerts[0];
  if (first === undefined) return 'Alert';
  const more = alerts.length > 1 ? ` (+${alerts.length - 1} more)` : '';
  return `${first.summary.slice(0, MAX_TITLE - more.length)}${more}`;
}

/** The `service` labels of the alerts, each once, in order. */
export function servicesOf(alerts: readonly IncidentAlert[]): string[] {
  return [...new Set(alerts.flatMap((alert) => (Object.hasOwn(alert.labels, 'service') && alert.labels.service !== '' ? [alert.labels.service ?? ''] : [])))];
}

export function alertEvent(alert: IncidentAlert, now: number, again: boolean): NewIncidentEvent {
  return {
    at: now, kind: 'alert', actor: alert.source, text: `${again ? 'Fires again' : 'Alert'}: ${alert.summary}`,
    details: { fingerprint: alert.fingerprint, labels: alert.labels },
  };
}

export function alertResolvedEvent(alert: IncidentAlert, now: number): NewIncidentEvent {
  return {
    at: now, kind: 'alert-resolved', actor: alert.source, text: `Resolved: ${alert.summary}`,
    details: { fingerprint: alert.fingerprint, labels: alert.labels },
  };
}

/**
 * Opens the incident of a group that pages (ADR 0013), in the caller's transaction: numbered,
 * its `opened` entry, an `alert` entry per firing alert, then its escalation started (level 1
 * paged at once). A policy that cannot be snapshotted (deleted, broken) still opens the
 * incident, and the timeline says why nobody was paged.
 */
export async function openAlertIncident(
  trx: Kysely<XopsDatabase>,
  opening: { groupKey: string; policy: string; snapshot: Result<EscalationSnapshot, string>; alerts: readonly IncidentAlert[]; now: number },
): Promise<IncidentRecord> {
  const { groupKey, policy, snapshot, alerts, now } = opening;
  const incident = await insertIncident(trx, {
    title: incidentTitleOf(alerts), severity: incidentSeverityOfAlerts(alerts.map((alert) => alert.labels)), groupKey,
    services: servicesOf(alerts), escalationPolicy: policy, declaredBy: null,
  }, now);
  await appendIncidentEvents(trx, incident.id, alerts.map((alert) => alertEvent(alert, now, false)));
  if (snapshot.ok) await startEscalation(trx, incident, snapshot.value, now);
  else await appendIncidentEvents(trx, incident.id, [{ at: now, kind: 'escalation', actor: ACTOR, text: `Nobody was paged: ${snapshot.error}` }]);
  return incident;
}

/** The open incident of a group, if any. */
export function openIncidentOfGroup(trx: Kysely<XopsDatabase>, groupKey: string): Promise<IncidentRecord | undefined> {
  return findOpenIncidentByGroup(trx, groupKey);
}

/**
 * Resolves an open incident whose alerts all resolved, in the caller's transaction: the state
 * entry and the end of its escalation. False when it was resolved already.
 */
export async function resolveAlertIncident(trx: Kysely<XopsDatabase>, incident: IncidentRecord, now: number): Promise<boolean> {
  const applied = applyIncidentAction(incident, { kind: 'resolve' }, now);
  if (!applied.ok || applied.value.changes.length === 0) return false;
  await saveIncidentLifecycle(trx, incident.id, applied.value.incident, now);
  await appendIncidentEvents(trx, incident.id, [{
    at: now, kind: 'state', actor: ACTOR, text: 'Resolved', details: { from: incident.state, to: 'resolved', reason: 'every alert of the incident resolved' },
  }]);
  await stopEscalation(trx, { incidentId: incident.id, now, actor: ACTOR, reason: 'every alert of the incident resolved' });
  return true;
}

/**
 * Acknowledges the incident `incidentId` for `actor` (PagerDuty's `acknowledge` event), in the
 * caller's transaction: the state entry, and the paging stops. Undefined when there is no such
 * incident; the incident as it is otherwise (one already acknowledged or further is left alone).
 */
export async function acknowledgeAlertIncident(
  trx: Kysely<XopsDatabase>,
  acknowledgement: { incidentId: string; actor: string; now: number; lock: boolean },
): Promise<IncidentRecord | undefined> {
  const { incidentId, actor, now, lock } = acknowledgement;
  const incident = await getIncidentRecord(trx, incidentId, lock);
  if (incident === undefined || incident.state !== 'triggered') return incident;
  const applied = applyIncidentAction(incident, { kind: 'acknowledge' }, now);
  if (!applied.ok) return incident;
  await saveIncidentLifecycle(trx, incident.id, applied.value.incident, now);
  await appendIncidentEvents(trx, incident.id, [{ at: now, kind: 'state', actor, text: 'Acknowledged', details: { from: 'triggered', to: 'acknowledged' } }]);
  await stopEscalation(trx, { incidentId: incident.id, now, actor, reason: 'the incident was acknowledged' });
  return { ...incident, ...applied.value.incident, updatedAt: now };
}
