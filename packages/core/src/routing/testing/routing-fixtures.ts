import type { GroupNotification } from '../alert-group';
import type { LabelMatcher, LabelSet } from '../label-matcher';
import { matchRoutes } from '../match-routes';
import { EMPTY_ROUTING_STATE, nextRoutingWakeAt, planGroupNotifications, type RoutingState } from '../plan-group-notifications';
import type { RouteTree } from '../route-tree';
import { NO_SUPPRESSION_RULES, type SuppressionRules } from '../suppression';
import type { AlertInput } from '../tracked-alert';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** `service="checkout"` and friends, without the parser of contracts. */
export const eq = (name: string, value: string): LabelMatcher => ({ name, op: '=', value });
export const re = (name: string, value: string): LabelMatcher => ({ name, op: '=~', value });

/** One scripted report of an alert at `at`. */
export interface ScriptedAlert {
  readonly at: number;
  readonly alert: AlertInput;
}

/** A notification reduced to what tests compare: when, which group, why, what, and which alerts by one label. */
export interface NotificationView {
  readonly at: number;
  readonly groupKey: string;
  readonly reason: GroupNotification['reason'];
  readonly action: GroupNotification['action'];
  readonly urgency: GroupNotification['urgency'];
  readonly firing: readonly string[];
  readonly resolved: readonly string[];
}

export function viewOf(notification: GroupNotification, label: string, origin: number): NotificationView {
  const pick = (labels: LabelSet): string => labels[label] ?? '?';
  return {
    at: notification.at - origin,
    groupKey: notification.groupKey,
    reason: notification.reason,
    action: notification.action,
    urgency: notification.urgency,
    firing: notification.firing.map((alert) => pick(alert.labels)),
    resolved: notification.resolved.map((alert) => pick(alert.labels)),
  };
}

/**
 * Runs the router as the server's loop would: each scripted alert at its time, routed through
 * `trees`, and a tick at every wake-up time in between, until `until`. `rulesAt` gives the
 * suppression rules in force at an instant (silences change as the server stores them).
 */
export function drive(options: {
  readonly trees: readonly RouteTree[];
  readonly script: readonly ScriptedAlert[];
  readonly until: number;
  readonly rulesAt?: (now: number) => SuppressionRules;
  readonly state?: RoutingState;
}): { notifications: GroupNotification[]; endedSilences: { at: number; id: string }[]; state: RoutingState } {
  const rulesAt = options.rulesAt ?? (() => NO_SUPPRESSION_RULES);
  let state = options.state ?? EMPTY_ROUTING_STATE;
  const notifications: GroupNotification[] = [];
  const endedSilences: { at: number; id: string }[] = [];
  const ticksUntil = (limit: number, inclusive: boolean): void => {
    for (let wake = nextRoutingWakeAt(state); wake !== null && (inclusive ? wake <= limit : wake < limit); wake = nextRoutingWakeAt(state)) {
      const step = planGroupNotifications(state, { kind: 'tick' }, wake, rulesAt(wake));
      state = step.state;
      notifications.push(...step.notifications);
      endedSilences.push(...step.endedSilences.map((id) => ({ at: wake, id })));
    }
  };
  for (const { at, alert } of [...options.script].sort((a, b) => a.at - b.at)) {
    ticksUntil(at, false);
    const step = planGroupNotifications(state, { kind: 'alert', alert, routes: matchRoutes(options.trees, alert.labels) }, at, rulesAt(at));
    state = step.state;
    notifications.push(...step.notifications);
    endedSilences.push(...step.endedSilences.map((id) => ({ at, id })));
  }
  ticksUntil(options.until, true);
  return { notifications, endedSilences, state };
}
