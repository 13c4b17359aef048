import { alertFingerprint } from './alert-fingerprint';
import type { NotificationAction } from './alert-group';
import type { LabelSet } from './label-matcher';
import { matchRoutes, type RouteMatch } from './match-routes';
import type { RoutingState } from './plan-group-notifications';
import type { RouteTree } from './route-tree';
import { suppressionOf, type AlertSuppression, type SuppressionRules } from './suppression';
import { urgencyOf, type Urgency } from './urgency';

/** What would happen to an alert: each route that takes it and what that route would do. */
export interface RoutingExplanation {
  readonly fingerprint: string;
  /** From the `severity` label, before any maintenance window. */
  readonly urgency: Urgency;
  readonly suppression: AlertSuppression;
  /** Empty when no tree takes the alert: then it notifies no one. */
  readonly routes: readonly { readonly match: RouteMatch; readonly outcome: NotificationAction | 'suppressed' }[];
}

/**
 * The routing part of "who gets paged if this alert fires at `now`": the routes that take an
 * alert with `labels`, whether a silence, an inhibition or a maintenance window holds it back,
 * and whether each route would page, notify or file a ticket. `state` gives the other alerts
 * (inhibition sources) and what untilResolved silences are tied to.
 *
 * @example explainRouting({ service: 'checkout', severity: 'page' }, { trees, rules, state, now })
 *   // → { urgency: 'high', routes: [{ match: { routeKey: 'checkout{service="checkout"}', … }, outcome: 'page' }], … }
 */
export function explainRouting(
  labels: LabelSet,
  context: { readonly trees: readonly RouteTree[]; readonly rules: SuppressionRules; readonly state: RoutingState; readonly now: number },
): RoutingExplanation {
  const fingerprint = alertFingerprint(labels);
  const alert = { fingerprint, labels, startsAt: context.now, endsAt: null };
  const urgency = urgencyOf(labels);
  const suppression = suppressionOf(alert, context.rules, { ...context.state.alerts, [fingerprint]: alert }, context.now);
  const paging = urgency === 'high' && suppression.mutes === 'none';
  const routes = matchRoutes(context.trees, labels).map((match) => ({ match, outcome: outcomeOf(match, suppression, paging) }));
  return { fingerprint, urgency, suppression, routes };
}

function outcomeOf(match: RouteMatch, suppression: AlertSuppression, paging: boolean): NotificationAction | 'suppressed' {
  if (suppression.mutes === 'all') return 'suppressed';
  if (match.target.kind === 'ticket') return 'ticket';
  return match.target.kind === 'escalation-policy' && paging ? 'page' : 'notify';
}
