import type { AlertOutcome, RoutingConfig } from '@xops/contracts';
import {
  alertFingerprint, isFiring, matchesAll, matchRoutes, planGroupNotifications, suppressionCheck,
  type AlertGroup, type AlertInput, type AlertSuppression, type LabelSet, type Result, type RouteMatch, type TrackedAlert,
} from '@xops/core';
import type { Kysely } from 'kysely';
import { actOnGroupNotification } from './act-on-group-notification';
import { lockKeys } from './advisory-locks';
import { loadAlertGroups, saveAlertGroups } from './alert-groups';
import { recordStatusChanges, resolveQuietIncidents } from './alert-incident-resolution';
import { acknowledgeAlertIncident } from './alert-incidents';
import { AlertRowSet, isStale } from './alert-row-set';
import {
  alertKeyOf, findAlertRows, findAlertRowsByFingerprint, findInhibitingAlertRows, rowFiresAt, trackedAlertOf, writeAlertRows, type AlertRow,
} from './alerts';
import type { EscalationSnapshot } from './escalation-snapshot';
import type { IncidentRecord } from './incident-records';
import { incidentNumbers, intakeAlertResult } from './intake-alert-results';
import { labelReader, type LabelReader } from './label-reader';
import { enqueueNotifications, type ChannelDestination, type NewNotification } from './outbox';
import { endSilences, loadRoutingSilences } from './silences';
import { StoreConflictError } from './store-conflict-error';
import { timeOrderedId } from './time-ordered-id';
import type { XopsDatabase } from './xops-database';
import type { StoreEngine } from './xops-store';

/**
 * What a source tells about one alert, keyed by `(source, dedupKey)`:
 * - `report`: the alert as it is now (firing, or resolved when `endsAt` has passed);
 * - `resolve`: it resolved at `at`, with the labels it was stored with (PagerDuty's `resolve`,
 *   an SLO alert whose SLO is gone); an alert not known, or not firing, is left alone;
 * - `acknowledge`: the incident it belongs to is acknowledged (PagerDuty's `acknowledge`).
 */
export type AlertReport =
  | {
    readonly kind: 'report'; readonly source: string; readonly dedupKey: string;
    readonly labels: LabelSet; readonly annotations: Readonly<Record<string, string>>; readonly summary: string;
    /** Epoch ms. */
    readonly startsAt: number;
    /** Epoch ms; null while it fires with no end in sight. */
    readonly endsAt: number | null;
  }
  | { readonly kind: 'resolve'; readonly source: string; readonly dedupKey: string; readonly at: number }
  | { readonly kind: 'acknowledge'; readonly source: string; readonly dedupKey: string };

/**
 * The compiled routing config, and what the transaction needs from outside that it cannot read
 * itself, all of it data (it may cross to the thread that runs the intake: alert-intake-thread.ts):
 * the snapshot of each escalation policy a route pages (made from the applied on-call config before
 * the transaction) and where each notify-only channel delivers. A name missing from either map
 * was never applied.
 */
export interface AlertRouting extends RoutingConfig {
  readonly escalationSnapshots: ReadonlyMap<string, Result<EscalationSnapshot, string>>;
  readonly channels: ReadonlyMap<string, Result<ChannelDestination, string>>;
}

export interface AlertIntake {
  readonly reports: readonly AlertReport[];
  /** Groups to look at besides those of the reports: the due groups of the `alert-groups` loop. */
  readonly groupKeys?: readonly string[];
  /** Epoch ms. */
  readonly now: number;
  /** Who sent it (a token's name): the actor of acknowledgements on the timeline. */
  readonly actor: string;
  readonly routing: AlertRouting;
  /**
   * A change counter to move from `from` to `to` in the same transaction (the SLO alert source's
   * cursor); when it does not stand at `from`, nothing is written and a `StoreConflictError` thrown.
   */
  readonly cursor?: { readonly name: string; readonly from: number; readonly to: number };
}

/** What became of one report. */
export interface IntakeAlertResult {
  readonly source: string;
  readonly dedupKey: string;
  /** Null when the alert is not known (a resolve or an acknowledgement of an alert never reported). */
  readonly fingerprint: string | null;
  readonly status: 'firing' | 'resolved' | null;
  readonly outcome: AlertOutcome | null;
  readonly incident: { readonly id: string; readonly number: number } | null;
}

export interface AlertIntakeOutcome {
  /** One per report, in order. */
  readonly alerts: readonly IntakeAlertResult[];
  /** How many group notifications were decided (pages, channel messages, tickets, resolutions told). */
  readonly notifications: number;
  /** Groups looked at. */
  readonly groups: number;
}

/**
 * The alert pipeline's one transaction (ADR 0013), in the caller's transaction: upserts the
 * reported alerts, loads the groups they fall in (and `groupKeys`), their member alerts, the
 * silences and, when an inhibition rule may apply, the firing alerts; runs the routing step of
 * core; stores the groups' new state and timers; and acts on each notification: a page opens
 * (or joins) the group's incident and starts its escalation, a channel gets outbox rows, a
 * ticket is recorded. Alerts of an incident that resolve go on its timeline, and an incident
 * whose alerts have all resolved is resolved. On PostgreSQL, advisory locks on the alerts' keys,
 * then on the groups' keys (each set in sorted order), make concurrent requests touching the
 * same group wait for each other; SQLite has one writer.
 */
export async function intakeAlerts(trx: Kysely<XopsDatabase>, engine: StoreEngine, intake: AlertIntake, rereading = false): Promise<AlertIntakeOutcome> {
  const { reports, now, routing } = intake;
  if (intake.cursor !== undefined) await moveCursor(trx, intake.cursor);
  const postgres = engine === 'postgres';
  if (postgres) await lockKeys(trx, reports.map((report) => `alert:${alertKeyOf(report.source, report.dedupKey)}`));
  const stored = await findAlertRows(trx, reports);

  const routesByFingerprint = new Map<string, RouteMatch[]>();
  const routesOf = (fingerprint: string, labels: LabelSet): RouteMatch[] => {
    let routes = routesByFingerprint.get(fingerprint);
    if (routes === undefined) routesByFingerprint.set(fingerprint, routes = matchRoutes(routing.trees, labels));
    return routes;
  };

  // The reports, as router inputs and as the rows they become.
  const reported = new Map<string, AlertRow>();
  const labelsOf = labelReader();
  const inputs: { alert: AlertInput; routes: readonly RouteMatch[] }[] = [];
  for (const report of reports) {
    if (report.kind === 'acknowledge') continue;
    const key = alertKeyOf(report.source, report.dedupKey);
    const current = reported.get(key) ?? stored.get(key);
    if (report.kind === 'resolve') {
      if (current === undefined || !rowFiresAt(current, now)) continue;
      const next: AlertRow = { ...current, status: 'resolved', ends_at_ms: Math.max(Number(current.starts_at_ms), Math.min(report.at, now)), received_at_ms: now, routed_at_ms: now };
      reported.set(key, next);
      const alert = trackedAlertOf(next, labelsOf);
      inputs.push({ alert, routes: routesOf(alert.fingerprint, alert.labels) });
      continue;
    }
    const fingerprint = alertFingerprint(report.labels);
    if (current !== undefined && current.fingerprint !== fingerprint && rowFiresAt(current, now)) {
      // The source changed the labels of a firing alert: the old label set ends now.
      const old = trackedAlertOf(current, labelsOf);
      inputs.push({ alert: { labels: old.labels, startsAt: old.startsAt, endsAt: now, fingerprint: old.fingerprint }, routes: routesOf(old.fingerprint, old.labels) });
    }
    const labels = labelsOf.put(report.labels);
    const next: AlertRow = {
      id: current?.id ?? timeOrderedId(), source: report.source, dedup_key: report.dedupKey, fingerprint,
      labels, annotations: JSON.stringify(report.annotations), summary: report.summary,
      severity: Object.hasOwn(report.labels, 'severity') ? report.labels.severity ?? '' : '',
      status: isFiring(report, now) ? 'firing' : 'resolved', starts_at_ms: report.startsAt, ends_at_ms: report.endsAt,
      received_at_ms: now, routed_at_ms: now, route: null, group_key: null,
      incident_id: current?.incident_id ?? null, suppressed_by: null, outcome: current?.outcome ?? null, inhibition_source: 0,
    };
    reported.set(key, next);
    inputs.push({ alert: { labels: report.labels, startsAt: report.startsAt, endsAt: report.endsAt, fingerprint }, routes: routesOf(fingerprint, report.labels) });
  }

  // The groups the inputs fall in, and what the router needs to know about them.
  const groupKeys = new Set(intake.groupKeys ?? []);
  for (const input of inputs) for (const route of input.routes) groupKeys.add(route.groupKey);
  if (postgres) await lockKeys(trx, [...groupKeys].map((key) => `group:${key}`));
  const groups = await loadAlertGroups(trx, groupKeys);
  const silences = await loadRoutingSilences(trx, now);
  const wanted = new Set<string>();
  for (const group of groups.values()) for (const fingerprint of group.members) wanted.add(fingerprint);
  for (const row of reported.values()) wanted.add(row.fingerprint);
  for (const row of stored.values()) wanted.add(row.fingerprint);
  for (const silence of silences) if (silence.untilResolved !== undefined) wanted.add(silence.untilResolved.fingerprint);
  const known = await findAlertRowsByFingerprint(trx, wanted);
  // On PostgreSQL the reported alerts' rows were read before the group locks, and the group
  // timers' pass changes alert rows holding the group locks alone (the incident an alert joins,
  // its outcome): written back, a row it changed in between would undo that, leaving the alert off
  // its incident, which then never resolves with it. Planned again, once: under every lock now,
  // the rows cannot change any more. (Regression: alert-crash-safety.test.ts, re-sent alerts.)
  if (postgres && !rereading && [...stored.values()].some((row) => isStale(row, known.get(row.fingerprint)))) {
    return intakeAlerts(trx, engine, { ...intake, cursor: undefined }, true);
  }
  const alerts: Record<string, TrackedAlert> = {};
  for (const row of known.values()) alerts[row.fingerprint] = trackedAlertOf(row, labelsOf);
  if (mayInhibit(routing, [...inputs.map((input) => input.alert.labels), ...Object.values(alerts).map((alert) => alert.labels)])) {
    for (const row of await findInhibitingAlertRows(trx)) {
      if (!Object.hasOwn(alerts, row.fingerprint)) alerts[row.fingerprint] = trackedAlertOf(row, labelsOf);
    }
  }

  const rules = { silences, inhibitRules: routing.inhibitRules, maintenanceWindows: routing.maintenanceWindows };
  const step = planGroupNotifications({ alerts, groups: Object.fromEntries(groups) }, { kind: 'alerts', alerts: inputs }, now, rules);
  const suppression = suppressionCheck(rules, step.state.alerts, now);

  // Every row the step changes, by alert key, next to the row as stored.
  const rows = new AlertRowSet(stored, known);
  for (const [key, row] of reported) rows.put(key, row);
  for (const row of reported.values()) {
    routeReported(row, { routes: routesOf(row.fingerprint, labelsOf(row.labels)), stored: stored.get(alertKeyOf(row.source, row.dedup_key)), suppression, labelsOf, now });
  }
  // The router keeps the earliest start of an episode (a late re-send does not move it).
  for (const row of reported.values()) {
    const tracked = Object.hasOwn(step.state.alerts, row.fingerprint) ? step.state.alerts[row.fingerprint] : undefined;
    if (tracked !== undefined && tracked.startsAt < Number(row.starts_at_ms)) row.starts_at_ms = tracked.startsAt;
  }

  const incidents = new Map<string, IncidentRecord>();
  const groupIncidents = new Map<string, string>();
  const outbox: NewNotification[] = [];
  for (const notification of step.notifications) {
    await actOnGroupNotification(trx, notification, { rows, routing, now, incidents, groupIncidents, outbox, labelsOf });
  }
  // The channels' messages of every notification in one statement.
  if (outbox.length > 0) await enqueueNotifications(trx, outbox);

  // Alerts of a group whose end has passed since they were stored resolve now, as reported ones do.
  for (const group of [...groups.values(), ...Object.values(step.state.groups)]) {
    for (const fingerprint of group.members) {
      const row = rows.peek(fingerprint);
      if (row !== undefined && row.status === 'firing' && !rowFiresAt(row, now)) {
        const copy = rows.take(fingerprint);
        if (copy !== undefined) copy.status = 'resolved';
      }
    }
  }
  const toResolve = await recordStatusChanges(trx, rows, now, incidents);
  if (routing.inhibitRules.length > 0) rows.flagInhibitionSources((row) => isInhibitionSource(routing, labelsOf(row.labels)));
  else rows.flagInhibitionSources(() => false);
  await writeAlertRows(trx, engine, rows.changed());
  await resolveQuietIncidents(trx, { candidates: toResolve, state: step.state, now, incidents });

  const saved: { group: AlertGroup; incidentId: string | null }[] = [];
  const removed: string[] = [];
  for (const key of new Set([...groups.keys(), ...Object.keys(step.state.groups)])) {
    const after = Object.hasOwn(step.state.groups, key) ? step.state.groups[key] : undefined;
    const before = groups.get(key);
    if (after === undefined) {
      if (before !== undefined) removed.push(key);
    } else if (before === undefined || JSON.stringify(before) !== JSON.stringify(after) || groupIncidents.has(key)) {
      saved.push({ group: after, incidentId: groupIncidents.get(key) ?? null });
    }
  }
  await saveAlertGroups(trx, { saved, removed, now });
  await endSilences(trx, step.endedSilences, now);

  const acknowledged = new Map<string, IncidentRecord>();
  for (const report of reports) {
    if (report.kind !== 'acknowledge') continue;
    const key = alertKeyOf(report.source, report.dedupKey);
    const incidentId = rows.get(key)?.incident_id ?? stored.get(key)?.incident_id ?? null;
    if (incidentId === null || acknowledged.has(incidentId)) continue;
    const incident = await acknowledgeAlertIncident(trx, { incidentId, actor: intake.actor, now, lock: postgres });
    if (incident !== undefined) acknowledged.set(incidentId, incident);
  }

  const rowsOfReports = reports.map((report) => {
    const key = alertKeyOf(report.source, report.dedupKey);
    return rows.get(key) ?? stored.get(key);
  });
  const numbers = await incidentNumbers(trx, rowsOfReports, incidents);
  return {
    alerts: reports.map((report, i) => intakeAlertResult(report, rowsOfReports[i], numbers, now)),
    notifications: step.notifications.length,
    groups: groups.size,
  };
}

/** Sets a reported alert's route, group and suppression, and its outcome until a notification says more. */
function routeReported(
  row: AlertRow,
  context: { routes: readonly RouteMatch[]; stored: AlertRow | undefined; suppression: (alert: TrackedAlert) => AlertSuppression; labelsOf: LabelReader; now: number },
): void {
  const { routes, stored, now } = context;
  const first = routes[0];
  row.route = first?.routeKey ?? null;
  row.group_key = first?.groupKey ?? null;
  if (first === undefined) {
    row.outcome = 'unrouted';
    row.suppressed_by = null;
    return;
  }
  if (row.status !== 'firing') return;
  const quiet = context.suppression(trackedAlertOf(row, context.labelsOf));
  const reasons = [
    ...quiet.silencedBy.map((id) => `silence:${id}`),
    ...quiet.inhibitedBy.map((inhibition) => `inhibited:${inhibition.rule}:${inhibition.source}`),
    ...quiet.maintenanceBy.map((name) => `maintenance:${name}`),
  ];
  row.suppressed_by = reasons.length === 0 ? null : JSON.stringify(reasons);
  const newEpisode = stored === undefined || !rowFiresAt(stored, now) || stored.fingerprint !== row.fingerprint;
  if (quiet.mutes === 'all') row.outcome = 'suppressed';
  else if (newEpisode || row.outcome === null || row.outcome === 'unrouted' || row.outcome === 'suppressed') row.outcome = 'waiting';
}

/** Whether an alert with these labels may inhibit others: it matches the source side of an inhibition rule. */
export function isInhibitionSource(routing: Pick<RoutingConfig, 'inhibitRules'>, labels: LabelSet): boolean {
  return routing.inhibitRules.some((rule) => matchesAll(rule.sourceMatchers, labels));
}

/** Whether an inhibition rule may mute one of these alerts, so the firing alerts that inhibit must be read. */
function mayInhibit(routing: RoutingConfig, labels: readonly LabelSet[]): boolean {
  return routing.inhibitRules.some((rule) => labels.some((one) => matchesAll(rule.targetMatchers, one)));
}

async function moveCursor(trx: Kysely<XopsDatabase>, cursor: { name: string; from: number; to: number }): Promise<void> {
  const moved = await trx.updateTable('change_counters').set({ value: cursor.to })
    .where('name', '=', cursor.name).where('value', '=', cursor.from)
    .executeTakeFirst();
  if (moved.numUpdatedRows === 0n) throw new StoreConflictError(`the cursor ${cursor.name} is not at ${cursor.from} any more: another replica took these in`);
}
