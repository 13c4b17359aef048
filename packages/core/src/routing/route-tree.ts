import type { LabelMatcher } from './label-matcher';

/**
 * Where a route sends the alert groups it takes:
 * - `escalation-policy`: the policy's on-call people; high-urgency alerts page them.
 * - `channel`: a notification target (an AlertNotificationTarget); it notifies and never pages.
 * - `ticket`: a ticket in `project`; it never pages.
 */
export type RouteTarget =
  | { readonly kind: 'escalation-policy'; readonly name: string }
  | { readonly kind: 'channel'; readonly name: string }
  | { readonly kind: 'ticket'; readonly project: string };

/** The labels alerts are grouped by: a list of names, or `all` (Alertmanager's `...`: one group per alert). */
export type GroupBy = readonly string[] | 'all';

/** The three timers of an alert group, in ms (Alertmanager's `group_wait`, `group_interval`, `repeat_interval`). */
export interface RouteTimings {
  /** From a new group's first alert to its first notification. */
  readonly groupWaitMs: number;
  /** Between two looks at a group after its first notification: changes go out at this pace. */
  readonly groupIntervalMs: number;
  /** After which an unchanged, still firing group is notified again. */
  readonly repeatIntervalMs: number;
}

/** Alertmanager's defaults (docs/configuration.md `<route>`): 30 s, 5 min, 4 h. */
export const DEFAULT_ROUTE_TIMINGS: RouteTimings = {
  groupWaitMs: 30_000,
  groupIntervalMs: 300_000,
  repeatIntervalMs: 14_400_000,
};

/**
 * One node of a routing tree. What it leaves unset (`groupBy`, timings, `target`) it inherits
 * from its parent, as in Alertmanager.
 */
export interface RouteNode {
  readonly matchers: readonly LabelMatcher[];
  /** Go on to the next sibling after this node matched (Alertmanager's `continue`). */
  readonly continue: boolean;
  readonly groupBy?: GroupBy;
  readonly timings?: Partial<RouteTimings>;
  readonly target?: RouteTarget;
  readonly routes: readonly RouteNode[];
}

/**
 * A routing tree: one `kind: Route` document. Trees are tried in ascending `order`, then by
 * name; the first that matches takes the alert unless its root says `continue`.
 */
export interface RouteTree {
  readonly name: string;
  readonly order: number;
  readonly root: RouteNode & { readonly target: RouteTarget };
}
