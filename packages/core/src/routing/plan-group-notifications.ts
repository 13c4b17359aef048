import { alertFingerprint } from './alert-fingerprint';
import { flushGroup, type AlertGroup, type GroupNotification } from './alert-group';
import type { RouteMatch } from './match-routes';
import { silenceState } from './silence';
import { NO_SUPPRESSION_RULES, suppressionCheck, type SuppressionRules } from './suppression';
import { isFiring, type AlertInput, type TrackedAlert } from './tracked-alert';

/**
 * Everything the router remembers between two steps, as plain data: the alerts it holds (firing,
 * or resolved and not yet told) and its groups. The server stores it, so a restart or a replica
 * taking over the lease neither forgets a group nor notifies it twice.
 */
export interface RoutingState {
  readonly alerts: Readonly<Record<string, TrackedAlert>>;
  readonly groups: Readonly<Record<string, AlertGroup>>;
}

export const EMPTY_ROUTING_STATE: RoutingState = { alerts: {}, groups: {} };

/**
 * What moves the router: an alert reported (new, still firing, or resolved), with the routes
 * `matchRoutes` found for it; several at once (one webhook of a batch: all are taken in, then
 * the due groups flush once, so a `group_wait: 0s` group tells the whole batch together); or
 * only time passing.
 */
export type RoutingEvent =
  | { readonly kind: 'alert'; readonly alert: AlertInput; readonly routes: readonly RouteMatch[] }
  | { readonly kind: 'alerts'; readonly alerts: readonly { readonly alert: AlertInput; readonly routes: readonly RouteMatch[] }[] }
  | { readonly kind: 'tick' };

export interface RoutingStep {
  readonly state: RoutingState;
  /** In group-key order. */
  readonly notifications: readonly GroupNotification[];
  /** Silences that lasted until an alert resolved and now have: store them as ended at `now`. */
  readonly endedSilences: readonly string[];
}

/**
 * One step of the alert router at `now` (epoch ms): takes the event in, then flushes every
 * group whose time has come. Pure: the same state, event, time and rules give the same step.
 *
 * - An alert joins the group of each of its routes (`routeKey` + group labels); a new group is
 *   made only for a firing alert, and first looked at `group_wait` later, or at once if the
 *   alert has already fired that long (Alertmanager dispatch/dispatch.go `insert`).
 * - A flushed group is looked at again every `group_interval` (see `flushGroup` for what it tells).
 * - A report for a resolved alert that fired again is a new episode: its `startsAt` is new.
 *
 * Call it for each alert as it arrives and with `tick` by `nextRoutingWakeAt(state)`.
 *
 * @example planGroupNotifications(EMPTY_ROUTING_STATE, { kind: 'alert', alert, routes: matchRoutes(trees, alert.labels) }, now, rules)
 *   // → { state: { alerts: { … }, groups: { … } }, notifications: [], endedSilences: [] } (group_wait has not passed)
 */
export function planGroupNotifications(state: RoutingState, event: RoutingEvent, now: number, rules: SuppressionRules = NO_SUPPRESSION_RULES): RoutingStep {
  const alerts: Record<string, TrackedAlert> = { ...state.alerts };
  const groups: Record<string, AlertGroup> = { ...state.groups };
  if (event.kind === 'alert') receive(event.alert, event.routes, alerts, groups, now);
  if (event.kind === 'alerts') for (const one of event.alerts) receive(one.alert, one.routes, alerts, groups, now);

  const notifications: GroupNotification[] = [];
  const suppression = suppressionCheck(rules, alerts, now);
  for (const key of Object.keys(groups).sort()) {
    const group = groups[key];
    if (group === undefined || group.nextFlushAt > now) continue;
    const outcome = flushGroup(group, alerts, suppression, now);
    if (outcome.group === null) delete groups[key];
    else groups[key] = outcome.group;
    if (outcome.notification !== null) notifications.push(outcome.notification);
  }

  // Keep an alert while it fires (it may inhibit others) or while a group still holds it.
  const held = new Set(Object.values(groups).flatMap((group) => group.members));
  for (const [fingerprint, alert] of Object.entries(alerts)) {
    if (!isFiring(alert, now) && !held.has(fingerprint)) delete alerts[fingerprint];
  }
  const endedSilences = rules.silences
    .filter((silence) => silence.untilResolved !== undefined && now >= silence.startsAt && (silence.endsAt === null || now < silence.endsAt))
    .filter((silence) => silenceState(silence, now, alerts) === 'expired')
    .map((silence) => silence.id);
  return { state: { alerts, groups }, notifications, endedSilences };
}

/** When the next `tick` has work to do: the earliest `nextFlushAt`, or `null` with no groups. */
export function nextRoutingWakeAt(state: RoutingState): number | null {
  let earliest: number | null = null;
  for (const group of Object.values(state.groups)) {
    if (earliest === null || group.nextFlushAt < earliest) earliest = group.nextFlushAt;
  }
  return earliest;
}

function receive(input: AlertInput, routes: readonly RouteMatch[], alerts: Record<string, TrackedAlert>, groups: Record<string, AlertGroup>, now: number): void {
  const fingerprint = input.fingerprint ?? alertFingerprint(input.labels);
  const known = Object.hasOwn(alerts, fingerprint) ? alerts[fingerprint] : undefined;
  // The same episode while it fires or when the report overlaps it (a late re-send); otherwise
  // the alert fired again and starts afresh.
  const sameEpisode = known !== undefined && (isFiring(known, now) || (known.endsAt !== null && input.startsAt <= known.endsAt));
  const alert: TrackedAlert = known !== undefined && sameEpisode
    ? { fingerprint, labels: known.labels, startsAt: Math.min(known.startsAt, input.startsAt), endsAt: input.endsAt }
    : { fingerprint, labels: { ...input.labels }, startsAt: input.startsAt, endsAt: input.endsAt };
  alerts[fingerprint] = alert;
  const firing = isFiring(alert, now);
  for (const route of routes) {
    const existing = Object.hasOwn(groups, route.groupKey) ? groups[route.groupKey] : undefined;
    if (existing === undefined && !firing) continue;
    const group: AlertGroup = existing ?? {
      key: route.groupKey, tree: route.tree, routeKey: route.routeKey, labels: route.groupLabels, target: route.target, timings: route.timings,
      members: [], createdAt: now, nextFlushAt: now + route.timings.groupWaitMs, flushed: false, lastNotifiedAt: null, lastFiring: [], open: [], heldBack: [],
    };
    const members = group.members.includes(fingerprint) ? group.members : [...group.members, fingerprint];
    const overdue = firing && !group.flushed && alert.startsAt + group.timings.groupWaitMs < now;
    groups[route.groupKey] = { ...group, members, nextFlushAt: overdue ? Math.min(group.nextFlushAt, now) : group.nextFlushAt };
  }
}
