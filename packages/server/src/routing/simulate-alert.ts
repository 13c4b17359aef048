import { formatPrometheusDuration, isoInstant, type RouteTestResultBody, type RouteTestRouteBody, type RoutingConfig } from '@xops/contracts';
import {
  alertFingerprint, EMPTY_ROUTING_STATE, explainRouting, formatLabelSet, maintenanceOccurrenceAt, type LabelSet, type RoutingExplanation, type Silence, type TrackedAlert,
} from '@xops/core';
import type { OncallDirectory } from '../oncall/oncall-directory';
import { routeNodesByKey } from './route-nodes';
import { simulateEscalation } from './simulate-escalation';

export interface SimulateAlertOptions {
  readonly labels: LabelSet;
  /** When the alert fires (epoch ms). */
  readonly at: number;
  /** Other alerts taken to fire at `at`: the sources inhibition rules look at. */
  readonly firing: readonly LabelSet[];
  /** Turns the round-robin levels. */
  readonly incidentNumber: number;
  readonly routing: RoutingConfig;
  readonly silences: readonly Silence[];
  readonly directory: OncallDirectory;
  /** What the simulation leaves out, said with the answer. */
  readonly notes: readonly string[];
}

/**
 * "Who gets paged if this alert fires at T": the routes that take it (`explainRouting`), each with
 * its group, timers and outcome; what would hold it back (silences, inhibition by the `firing`
 * alerts, maintenance windows); and for a route that pages, every page of its escalation policy
 * from the group's first notification (`at` + group_wait, as for a new group) with the people
 * the schedules have on call at each level's moment. Pure: nothing is stored or sent.
 */
export function simulateAlert(options: SimulateAlertOptions): RouteTestResultBody {
  const { labels, at, routing, directory } = options;
  const alerts: Record<string, TrackedAlert> = {};
  for (const source of options.firing) {
    const fingerprint = alertFingerprint(source);
    alerts[fingerprint] = { fingerprint, labels: source, startsAt: at, endsAt: null };
  }
  const rules = { silences: options.silences, inhibitRules: routing.inhibitRules, maintenanceWindows: routing.maintenanceWindows };
  const explanation = explainRouting(labels, { trees: routing.trees, rules, state: { ...EMPTY_ROUTING_STATE, alerts }, now: at });
  const suppression = suppressionBody(explanation, alerts, routing, at);
  const severity = Object.hasOwn(labels, 'severity') ? labels.severity ?? '' : null;
  const nodes = routeNodesByKey(routing.trees);
  const routes = explanation.routes.map(({ match, outcome }): RouteTestRouteBody => {
    const firstNotificationAt = at + match.timings.groupWaitMs;
    const { target } = match;
    return {
      tree: match.tree,
      routeKey: match.routeKey,
      continue: nodes.get(match.routeKey)?.continue ?? false,
      groupKey: match.groupKey,
      groupLabels: { ...match.groupLabels },
      target: { ...target },
      groupWait: formatPrometheusDuration(match.timings.groupWaitMs),
      groupInterval: formatPrometheusDuration(match.timings.groupIntervalMs),
      repeatInterval: formatPrometheusDuration(match.timings.repeatIntervalMs),
      firstNotificationAt: isoInstant(firstNotificationAt),
      outcome,
      reason: reasonFor(outcome, target, severity, suppression),
      escalation: target.kind !== 'escalation-policy' ? null : simulateEscalation({
        policy: target.name, directory, start: firstNotificationAt, incidentNumber: options.incidentNumber, pages: outcome === 'page',
      }),
    };
  });
  return {
    at: isoInstant(at),
    labels: { ...labels },
    fingerprint: explanation.fingerprint,
    severity,
    urgency: explanation.urgency,
    suppression,
    routes,
    notes: [...options.notes],
  };
}

type SuppressionBody = RouteTestResultBody['suppression'];

function suppressionBody(explanation: RoutingExplanation, alerts: Readonly<Record<string, TrackedAlert>>, routing: RoutingConfig, at: number): SuppressionBody {
  const { mutes, silencedBy, inhibitedBy, maintenanceBy } = explanation.suppression;
  return {
    mutes,
    silencedBy: [...silencedBy],
    inhibitedBy: inhibitedBy.map((inhibition) => ({ rule: inhibition.rule, source: { ...alerts[inhibition.source]?.labels } })),
    maintenanceBy: maintenanceBy.flatMap((name) => {
      const window = routing.maintenanceWindows.find((candidate) => candidate.name === name);
      const occurrence = window === undefined ? null : maintenanceOccurrenceAt(window, at);
      return window === undefined || occurrence === null ? [] : [{ name, suppress: window.suppress, until: isoInstant(occurrence.endsAt) }];
    }),
  };
}

function reasonFor(outcome: RouteTestRouteBody['outcome'], target: RouteTestRouteBody['target'], severity: string | null, suppression: SuppressionBody): string {
  const why = severity === null ? 'no severity label' : `severity "${severity}"`;
  if (outcome === 'suppressed') return `nobody is notified: ${suppressionCause(suppression, 'all')}`;
  if (target.kind === 'ticket') return `files a ticket in project ${target.project}; a ticket never pages`;
  if (target.kind === 'channel') return `notifies channel ${target.name}; a channel never pages`;
  if (outcome === 'page') return `pages escalation policy ${target.name}: high urgency (${why})`;
  const held = suppression.mutes === 'pages' ? suppressionCause(suppression, 'pages') : `low urgency (${why})`;
  return `tells escalation policy ${target.name} without paging anyone: ${held}`;
}

function suppressionCause(suppression: SuppressionBody, level: 'pages' | 'all'): string {
  const causes = [
    ...suppression.silencedBy.map((id) => `silence ${id}`),
    ...suppression.inhibitedBy.map((inhibition) => `inhibited by rule ${inhibition.rule} while ${formatLabelSet(inhibition.source)} fires`),
    ...suppression.maintenanceBy.filter((window) => window.suppress === level || level === 'pages')
      .map((window) => `maintenance window ${window.name} until ${window.until}`),
  ];
  return causes.join('; ');
}
