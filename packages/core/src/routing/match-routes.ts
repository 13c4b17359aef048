import { formatMatchers, matchesAll, type LabelSet } from './label-matcher';
import { DEFAULT_ROUTE_TIMINGS, type GroupBy, type RouteNode, type RouteTarget, type RouteTimings, type RouteTree } from './route-tree';

/** A route that takes an alert, with everything it inherited resolved and the alert's group. */
export interface RouteMatch {
  readonly tree: string;
  /** The path of the node: tree name, then each node's matchers, e.g. `checkout{service="checkout"}/{severity="ticket"}`. */
  readonly routeKey: string;
  /** `routeKey:groupLabels`, as Alertmanager's group key (dispatch/dispatch.go): one group per key. */
  readonly groupKey: string;
  readonly groupLabels: LabelSet;
  readonly target: RouteTarget;
  readonly timings: RouteTimings;
}

interface Inherited {
  readonly groupBy: GroupBy;
  readonly timings: RouteTimings;
  readonly target: RouteTarget;
}

/**
 * The routes that take an alert with `labels` (Alertmanager dispatch/route.go `Match`): trees in
 * ascending `order` then name, each walked depth first. A node that matches is offered to its
 * children in order; the first child that matches takes the alert and stops the search unless it
 * says `continue`; a node none of whose children match takes the alert itself. Unset `groupBy`,
 * timings and targets come from the parent; the root of a tree defaults to no grouping labels
 * (one group per route) and Alertmanager's timings. Empty when no tree matches.
 *
 * @example matchRoutes([tree], { service: 'checkout', severity: 'ticket' })
 *   // → [{ tree: 'checkout', routeKey: 'checkout{service="checkout"}/{severity="ticket"}', target: { kind: 'ticket', … }, … }]
 */
export function matchRoutes(trees: readonly RouteTree[], labels: LabelSet): RouteMatch[] {
  const found: RouteMatch[] = [];
  for (const tree of [...trees].sort(byOrder)) {
    const start: Inherited = { groupBy: [], timings: DEFAULT_ROUTE_TIMINGS, target: tree.root.target };
    const matches = matchNode(tree.name, tree.root, `${tree.name}${formatMatchers(tree.root.matchers)}`, start, labels);
    found.push(...matches);
    if (matches.length > 0 && !tree.root.continue) break;
  }
  return found;
}

function byOrder(a: RouteTree, b: RouteTree): number {
  return a.order - b.order || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function matchNode(tree: string, node: RouteNode, routeKey: string, parent: Inherited, labels: LabelSet): RouteMatch[] {
  if (!matchesAll(node.matchers, labels)) return [];
  const own: Inherited = {
    groupBy: node.groupBy ?? parent.groupBy,
    timings: {
      groupWaitMs: node.timings?.groupWaitMs ?? parent.timings.groupWaitMs,
      groupIntervalMs: node.timings?.groupIntervalMs ?? parent.timings.groupIntervalMs,
      repeatIntervalMs: node.timings?.repeatIntervalMs ?? parent.timings.repeatIntervalMs,
    },
    target: node.target ?? parent.target,
  };
  const found: RouteMatch[] = [];
  const seen = new Map<string, number>();
  for (const child of node.routes) {
    const matchers = formatMatchers(child.matchers);
    // Siblings with the same matchers (a `continue` fan-out) still need keys of their own.
    const twins = seen.get(matchers) ?? 0;
    seen.set(matchers, twins + 1);
    const matches = matchNode(tree, child, `${routeKey}/${matchers}${twins === 0 ? '' : `#${twins}`}`, own, labels);
    found.push(...matches);
    if (matches.length > 0 && !child.continue) break;
  }
  if (found.length > 0) return found;
  const groupLabels = groupLabelsOf(own.groupBy, labels);
  return [{ tree, routeKey, groupKey: `${routeKey}:${formatLabelSet(groupLabels)}`, groupLabels, target: own.target, timings: own.timings }];
}

/** The labels an alert is grouped by: those of `groupBy` that it has, or all of them for `all`. */
export function groupLabelsOf(groupBy: GroupBy, labels: LabelSet): LabelSet {
  if (groupBy === 'all') return { ...labels };
  const picked: Record<string, string> = {};
  for (const name of groupBy) if (Object.hasOwn(labels, name)) picked[name] = labels[name] ?? '';
  return picked;
}

/** A label set as Prometheus prints one, names sorted: `{alertname="X", service="Y"}`. */
export function formatLabelSet(labels: LabelSet): string {
  const names = Object.keys(labels).sort();
  return `{${names.map((name) => `${name}=${JSON.stringify(labels[name] ?? '')}`).join(', ')}}`;
}
