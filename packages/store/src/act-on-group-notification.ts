import type { AlertOutcome } from '@xops/contracts';
import type { GroupNotification, LabelSet } from '@xops/core';
import type { Kysely } from 'kysely';
import { alertEvent, openAlertIncident, openIncidentOfGroup, type IncidentAlert } from './alert-incidents';
import type { AlertRouting } from './alert-intake';
import type { AlertRowSet } from './alert-row-set';
import { formatOutcome, parseTextMap, type AlertRow } from './alerts';
import { appendIncidentEvents, type IncidentRecord } from './incident-records';
import type { LabelReader } from './label-reader';
import { groupMessage } from './group-message';
import type { ChannelDestination, NewNotification } from './outbox';
import type { XopsDatabase } from './xops-database';

export interface ActContext {
  readonly rows: AlertRowSet;
  readonly routing: AlertRouting;
  readonly now: number;
  readonly incidents: Map<string, IncidentRecord>;
  readonly groupIncidents: Map<string, string>;
  /** Where channel notifications put their outbox rows, written together once every notification is decided. */
  readonly outbox: NewNotification[];
  readonly labelsOf: LabelReader;
}

/** Does what one group notification says: page (open or join the incident), tell a channel, or record a ticket. */
export async function actOnGroupNotification(trx: Kysely<XopsDatabase>, notification: GroupNotification, context: ActContext): Promise<void> {
  const { rows, routing, now, incidents, groupIncidents, labelsOf } = context;
  const { target } = notification;
  const firing = notification.firing.flatMap((alert) => {
    const row = rows.take(alert.fingerprint);
    return row === undefined ? [] : [row];
  });
  const mark = (outcome: AlertOutcome, to: string) => {
    for (const row of firing) row.outcome = formatOutcome(outcome, to);
  };
  if (target.kind === 'channel') {
    const destination = routing.channels.get(target.name);
    if (destination?.ok === true) context.outbox.push(channelNotification(notification, target.name, destination.value, (fingerprint) => rows.peek(fingerprint)?.summary));
    if (notification.firing.length > 0) mark(destination?.ok === true ? 'notified' : 'undelivered', `channel/${target.name}`);
    return;
  }
  if (target.kind === 'ticket') {
    if (notification.firing.length > 0) mark('ticket', `ticket/${target.project}`);
    return;
  }
  if (notification.firing.length === 0) return;
  let incident = await openIncidentOfGroup(trx, notification.groupKey);
  if (incident === undefined && notification.action === 'page') {
    incident = await openAlertIncident(trx, {
      groupKey: notification.groupKey, policy: target.name, snapshot: routing.escalationSnapshots.get(target.name) ?? { ok: false, error: `EscalationPolicy "${target.name}" does not exist: apply it` }, alerts: firing.map((row) => incidentAlertOf(row, labelsOf)), now,
    });
    for (const row of firing) row.incident_id = incident.id;
  } else if (incident !== undefined) {
    // Joins the open incident: each alert not on its timeline yet is told there, nobody paged again.
    const joining = firing.filter((row) => row.incident_id !== incident?.id);
    await appendIncidentEvents(trx, incident.id, joining.map((row) => alertEvent(incidentAlertOf(row, labelsOf), now, false)));
    for (const row of joining) row.incident_id = incident.id;
  }
  if (incident !== undefined) {
    incidents.set(incident.id, incident);
    groupIncidents.set(notification.groupKey, incident.id);
  }
  mark(notification.action === 'page' ? 'paged' : 'notified', `escalation-policy/${target.name}`);
}

/** The outbox row that tells a notify-only channel about a group (`summaryOf` gives an alert's summary by its fingerprint). */
function channelNotification(
  notification: GroupNotification, name: string, destination: ChannelDestination, summaryOf: (fingerprint: string) => string | undefined,
): NewNotification {
  return {
    idempotencyKey: `alerts:${notification.idempotencyKey}:channel:${name}`,
    incidentId: null,
    channel: destination.channel,
    destination: destination.destination,
    recipient: null,
    message: groupMessage(notification, summaryOf),
    createdAt: notification.at,
  };
}

export function incidentAlertOf(row: AlertRow, labelsOf: (text: string) => LabelSet = parseTextMap): IncidentAlert {
  return { fingerprint: row.fingerprint, source: row.source, labels: labelsOf(row.labels), summary: row.summary };
}
