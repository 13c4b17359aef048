import type { LabelSet } from './label-matcher';
import type { RouteTarget, RouteTimings } from './route-tree';
import type { AlertSuppression } from './suppression';
import { isFiring, type TrackedAlert } from './tracked-alert';
import { urgencyOf, type Urgency } from './urgency';

/**
 * One aggregation group (Alertmanager's `aggrGroup`): the alerts one route took that share the
 * group labels, and what was last told about them. Plain data, so it can be stored as JSON.
 */
export interface AlertGroup {
  readonly key: string;
  readonly tree: string;
  readonly routeKey: string;
  readonly labels: LabelSet;
  readonly target: RouteTarget;
  readonly timings: RouteTimings;
  /** Fingerprints of the member alerts, in order of arrival. */
  readonly members: readonly string[];
  readonly createdAt: number;
  /** When the group is next looked at: `group_wait` after creation, then every `group_interval`. */
  readonly nextFlushAt: number;
  readonly flushed: boolean;
  readonly lastNotifiedAt: number | null;
  /** The alerts the last notification listed as firing. */
  readonly lastFiring: readonly string[];
  /** Alerts told as firing and not yet told as resolved: each will be, silenced or not. */
  readonly open: readonly string[];
  /** Alerts told as firing at low urgency only because a maintenance window held their page back. */
  readonly heldBack: readonly string[];
}

/**
 * Alertmanager's `notification_reason` values (notify/notify.go `NotifyReason`), and one of
 * xops': `maintenance ended`, an alert told at low urgency during maintenance now pages.
 */
export type NotificationReason =
  | 'first notification' | 'new alerts added' | 'maintenance ended' | 'some alerts resolved' | 'all alerts resolved' | 'repeat interval elapsed';

/**
 * What a notification does to people: `page` wakes the on-call person of an escalation policy
 * (a high-urgency alert fires), `notify` tells without waking (a channel, a low-urgency or
 * resolving notice to a policy), `ticket` files or updates a ticket. Only `page` wakes anyone.
 */
export type NotificationAction = 'page' | 'notify' | 'ticket';

/** One notification of a group, for the outbox; `idempotencyKey` lets a receiver drop a redelivery. */
export interface GroupNotification {
  readonly idempotencyKey: string;
  readonly at: number;
  readonly groupKey: string;
  readonly tree: string;
  readonly routeKey: string;
  readonly groupLabels: LabelSet;
  readonly target: RouteTarget;
  readonly reason: NotificationReason;
  readonly urgency: Urgency;
  readonly action: NotificationAction;
  readonly firing: readonly TrackedAlert[];
  readonly resolved: readonly TrackedAlert[];
}

/** A group after one flush: `null` once it has nothing left to hold or to tell. */
export interface FlushOutcome {
  readonly group: AlertGroup | null;
  readonly notification: GroupNotification | null;
}

/**
 * Looks at one group at `now` and decides whether to notify (Alertmanager's flush and
 * notify/dedup_stage.go `needsUpdate`, with `send_resolved`):
 *
 * 1. nothing told yet and something fires → `first notification`;
 * 2. an alert fires that the last notification did not list → `new alerts added`;
 * 3. for an escalation policy, an alert told at low urgency during maintenance would page now → `maintenance ended`;
 * 4. alerts told as firing have resolved → `all alerts resolved` when none told is left, else `some alerts resolved`;
 * 5. something fires and `repeat_interval` passed since the last notification → `repeat interval elapsed`.
 *
 * Alerts that `suppression` mutes entirely are left out of `firing`. Two differences from
 * Alertmanager: an alert told as firing is always told as resolved, even if silenced since
 * (Alertmanager issue #226), and an alert never told as firing is never told as resolved.
 */
export function flushGroup(
  group: AlertGroup,
  alerts: Readonly<Record<string, TrackedAlert>>,
  suppression: (alert: TrackedAlert) => AlertSuppression,
  now: number,
): FlushOutcome {
  const members: TrackedAlert[] = [];
  for (const fingerprint of group.members) {
    const alert = Object.hasOwn(alerts, fingerprint) ? alerts[fingerprint] : undefined;
    if (alert !== undefined) members.push(alert);
  }
  const stillFiring = new Set(members.filter((alert) => isFiring(alert, now)).map((alert) => alert.fingerprint));
  const heard: Heard[] = members.filter((alert) => stillFiring.has(alert.fingerprint)).map((alert) => ({ alert, suppression: suppression(alert) }));
  const firing = heard.filter((entry) => entry.suppression.mutes !== 'all');
  const resolvedToTell = group.open.filter((fingerprint) => !stillFiring.has(fingerprint));
  const openAfter = [...new Set([...group.open.filter((fingerprint) => stillFiring.has(fingerprint)), ...firing.map((entry) => entry.alert.fingerprint)])];
  const lastFiring = new Set(group.lastFiring);
  const heldBack = new Set(group.heldBack);

  let reason: NotificationReason | null = null;
  if (group.lastNotifiedAt === null) reason = firing.length > 0 ? 'first notification' : null;
  else if (firing.some((entry) => !lastFiring.has(entry.alert.fingerprint))) reason = 'new alerts added';
  else if (group.target.kind === 'escalation-policy' && firing.some((entry) => pages(entry) && heldBack.has(entry.alert.fingerprint))) reason = 'maintenance ended';
  else if (resolvedToTell.length > 0) reason = openAfter.length === 0 ? 'all alerts resolved' : 'some alerts resolved';
  else if (firing.length > 0 && now - group.lastNotifiedAt >= group.timings.repeatIntervalMs) reason = 'repeat interval elapsed';

  const told = reason === null ? group.open : openAfter;
  const keep = new Set([...stillFiring, ...told]);
  const next: AlertGroup = {
    ...group,
    members: group.members.filter((fingerprint) => keep.has(fingerprint)),
    nextFlushAt: now + group.timings.groupIntervalMs,
    flushed: true,
    ...(reason === null ? {} : {
      lastNotifiedAt: now,
      lastFiring: firing.map((entry) => entry.alert.fingerprint),
      open: openAfter,
      heldBack: firing.filter(holdsBack).map((entry) => entry.alert.fingerprint),
    }),
  };
  const notification = reason === null ? null : {
    idempotencyKey: `${group.key}@${now}`,
    at: now,
    groupKey: group.key,
    tree: group.tree,
    routeKey: group.routeKey,
    groupLabels: group.labels,
    target: group.target,
    reason,
    ...effect(group.target, reason, firing.some(pages)),
    firing: firing.map((entry) => entry.alert),
    resolved: members.filter((alert) => resolvedToTell.includes(alert.fingerprint)),
  };
  return { group: next.members.length === 0 && next.open.length === 0 ? null : next, notification };
}

interface Heard {
  readonly alert: TrackedAlert;
  readonly suppression: AlertSuppression;
}

const pages = (entry: Heard): boolean => entry.suppression.mutes === 'none' && urgencyOf(entry.alert.labels) === 'high';
const holdsBack = (entry: Heard): boolean => entry.suppression.mutes === 'pages' && urgencyOf(entry.alert.labels) === 'high';

// A ticket never pages; a channel only notifies; a policy pages only for a firing high-urgency
// alert that no maintenance window holds back, and only when there is something to page about:
// news, or a repeat. That some alerts of a paged group resolved is told without waking anyone.
function effect(target: RouteTarget, reason: NotificationReason, paging: boolean): { urgency: Urgency; action: NotificationAction } {
  const urgency: Urgency = paging ? 'high' : 'low';
  if (target.kind === 'ticket') return { urgency, action: 'ticket' };
  const pageWorthy = reason !== 'some alerts resolved' && reason !== 'all alerts resolved';
  return { urgency, action: target.kind === 'escalation-policy' && paging && pageWorthy ? 'page' : 'notify' };
}
