import type { IncomingAlertBody } from '@xops/contracts';

/**
 * Where an incoming alert stands on the alerts page: `firing` (routing told someone),
 * `pending` (firing, but its group is still in group_wait: nobody has been told yet),
 * `suppressed` (firing, muted by a silence, an inhibition or a maintenance window), `resolved`.
 */
export type AlertPhase = 'firing' | 'pending' | 'suppressed' | 'resolved';

export const ALERT_PHASE_TEXT: Readonly<Record<AlertPhase, string>> = {
  firing: 'Firing',
  pending: 'Pending',
  suppressed: 'Suppressed',
  resolved: 'Resolved',
};

// Most urgent first: the order of groups, and of alerts in a group.
const PHASE_RANK: Readonly<Record<AlertPhase, number>> = { firing: 0, pending: 1, suppressed: 2, resolved: 3 };

/** The phase of one alert, from its status and what routing did with it last. */
export function alertPhase(alert: Pick<IncomingAlertBody, 'status' | 'outcome' | 'suppressedBy'>): AlertPhase {
  if (alert.status === 'resolved') return 'resolved';
  if (alert.outcome === 'waiting') return 'pending';
  if (alert.outcome === 'suppressed' || alert.suppressedBy.length > 0) return 'suppressed';
  return 'firing';
}

/** The alerts of one routing group (one notification in Alertmanager's sense). */
export interface AlertGroup {
  /** The group key, or `''` for the alerts no route took. */
  readonly key: string;
  /** The route that took them (`tree{matchers}/{child matchers}`); null for the unrouted. */
  readonly route: string | null;
  /** The group's labels as the key writes them, e.g. `{alertname="PaymentsDown", service="payments"}`. */
  readonly groupLabels: string | null;
  /** Who or what the group tells: `escalation-policy/payments`, `channel/ops-chat`. */
  readonly target: string | null;
  /** The most urgent phase of its alerts. */
  readonly phase: AlertPhase;
  /** Its incident, when one of its alerts opened or joined one. */
  readonly incident: { readonly id: string; readonly number: number } | null;
  /** Most urgent first, then newest first. */
  readonly alerts: readonly IncomingAlertBody[];
}

/**
 * Groups alerts as routing grouped them (by group key), the unrouted ones together. Groups come
 * most urgent first (firing, pending, suppressed, resolved), then the one with the newest alert.
 *
 * @example groupAlerts([a, b]) // a and b share a group key → one group with both
 */
export function groupAlerts(alerts: readonly IncomingAlertBody[]): AlertGroup[] {
  const byKey = new Map<string, IncomingAlertBody[]>();
  for (const alert of alerts) {
    const key = alert.groupKey ?? '';
    const members = byKey.get(key);
    if (members === undefined) byKey.set(key, [alert]);
    else members.push(alert);
  }
  const groups = [...byKey.entries()].map(([key, members]): AlertGroup => {
    const sorted = members.toSorted(byUrgency);
    const first = sorted[0];
    const route = key === '' ? null : sorted.find((alert) => alert.route !== null)?.route ?? null;
    return {
      key,
      route,
      groupLabels: key === '' ? null : groupLabelsOf(key, route),
      target: sorted.find((alert) => alert.target !== null)?.target ?? null,
      phase: first === undefined ? 'resolved' : alertPhase(first),
      incident: sorted.find((alert) => alert.incident !== null)?.incident ?? null,
      alerts: sorted,
    };
  });
  return groups.toSorted((a, b) => PHASE_RANK[a.phase] - PHASE_RANK[b.phase]
    || newest(b) - newest(a)
    || a.key.localeCompare(b.key));
}

function byUrgency(a: IncomingAlertBody, b: IncomingAlertBody): number {
  return PHASE_RANK[alertPhase(a)] - PHASE_RANK[alertPhase(b)] || Date.parse(b.startsAt) - Date.parse(a.startsAt);
}

function newest(group: AlertGroup): number {
  return Math.max(...group.alerts.map((alert) => Date.parse(alert.startsAt)));
}

// The key is `<route>:<group labels>` (core's match-routes); without its route it says what the group shares.
function groupLabelsOf(key: string, route: string | null): string {
  return route !== null && key.startsWith(`${route}:`) ? key.slice(route.length + 1) : key;
}
