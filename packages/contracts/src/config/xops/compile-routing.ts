import type { GroupBy, InhibitRule, LabelMatcher, MaintenanceWindow, RouteNode, RouteTarget, RouteTimings, RouteTree } from '@xops/core';
import type { ConfigObject } from '../config-object';
import { parseConfigValue } from '../parse-config-value';
import { parsePrometheusDuration } from '../prometheus-duration';
import { parseAlertMatchers } from './alert-matcher';
import { maintenanceWindowSpecSchema, type MaintenanceWindowSpec } from './maintenance-window';
import { GROUP_BY_ALL, routeSpecSchema, type RouteNodeSpec, type RouteTargetSpec } from './route';

/** What the router runs on: the trees of every Route, their inhibition rules, and the maintenance windows. */
export interface RoutingConfig {
  readonly trees: readonly RouteTree[];
  readonly inhibitRules: readonly InhibitRule[];
  readonly maintenanceWindows: readonly MaintenanceWindow[];
}

export type CompileRoutingResult = { readonly ok: true; readonly value: RoutingConfig } | { readonly ok: false; readonly error: readonly string[] };

/**
 * Turns the Route and MaintenanceWindow documents among `objects` (others are ignored) into the
 * router's config: matchers parsed, durations in ms, `services` as a `service` matcher,
 * defaults applied (`order` 0, `timeZone` UTC, `suppress: pages`, inhibition rules named
 * `<route>-inhibit-<index>` unless named). Never throws; a document that does not pass its
 * schema gives its problems, one string each.
 *
 * @example compileRouting(storedObjects)
 *   // → { ok: true, value: { trees: [{ name: 'checkout', order: 0, root: { … } }], inhibitRules: [], maintenanceWindows: [] } }
 */
export function compileRouting(objects: readonly ConfigObject[]): CompileRoutingResult {
  const trees: RouteTree[] = [];
  const inhibitRules: InhibitRule[] = [];
  const maintenanceWindows: MaintenanceWindow[] = [];
  const errors: string[] = [];
  for (const object of objects) {
    const name = object.metadata.name;
    if (object.kind === 'Route') {
      const parsed = parseConfigValue(routeSpecSchema, object.spec);
      if (!parsed.ok) {
        errors.push(...parsed.problems.map((problem) => `Route "${name}": ${[...problem.path].join('.')}: ${problem.message}`));
        continue;
      }
      const spec = parsed.value;
      trees.push({ name, order: spec.order ?? 0, root: { ...compileNode(spec), target: compileTarget(spec.target) } });
      (spec.inhibitRules ?? []).forEach((rule, index) => inhibitRules.push({
        name: rule.name ?? `${name}-inhibit-${index}`,
        sourceMatchers: parseAlertMatchers(rule.sourceMatchers),
        targetMatchers: parseAlertMatchers(rule.targetMatchers),
        equal: rule.equal ?? [],
      }));
    } else if (object.kind === 'MaintenanceWindow') {
      const parsed = parseConfigValue(maintenanceWindowSpecSchema, object.spec);
      if (!parsed.ok) {
        errors.push(...parsed.problems.map((problem) => `MaintenanceWindow "${name}": ${[...problem.path].join('.')}: ${problem.message}`));
        continue;
      }
      maintenanceWindows.push(compileWindow(name, parsed.value));
    }
  }
  return errors.length > 0 ? { ok: false, error: errors } : { ok: true, value: { trees, inhibitRules, maintenanceWindows } };
}

function compileNode(spec: RouteNodeSpec): RouteNode {
  const timings: Partial<RouteTimings> = {
    ...durationField('groupWaitMs', spec.groupWait),
    ...durationField('groupIntervalMs', spec.groupInterval),
    ...durationField('repeatIntervalMs', spec.repeatInterval),
  };
  const groupBy: GroupBy | undefined = spec.groupBy === undefined ? undefined : spec.groupBy.includes(GROUP_BY_ALL) ? 'all' : spec.groupBy;
  return {
    matchers: parseAlertMatchers(spec.matchers ?? []),
    continue: spec.continue ?? false,
    ...(groupBy === undefined ? {} : { groupBy }),
    ...(Object.keys(timings).length === 0 ? {} : { timings }),
    ...(spec.target === undefined ? {} : { target: compileTarget(spec.target) }),
    routes: (spec.routes ?? []).map(compileNode),
  };
}

function durationField(key: keyof RouteTimings, text: string | undefined): Partial<RouteTimings> {
  const ms = text === undefined ? undefined : parsePrometheusDuration(text);
  return ms === undefined ? {} : { [key]: ms };
}

function compileTarget(target: RouteTargetSpec): RouteTarget {
  if (target.escalationPolicy !== undefined) return { kind: 'escalation-policy', name: target.escalationPolicy };
  if (target.channel !== undefined) return { kind: 'channel', name: target.channel };
  return { kind: 'ticket', project: target.ticket?.project ?? '' };
}

function compileWindow(name: string, spec: MaintenanceWindowSpec): MaintenanceWindow {
  const services = spec.services ?? [];
  const serviceMatcher: LabelMatcher[] = services.length === 0 ? []
    : [services.length === 1 ? { name: 'service', op: '=', value: services[0] ?? '' } : { name: 'service', op: '=~', value: services.join('|') }];
  return {
    name,
    matchers: [...serviceMatcher, ...parseAlertMatchers(spec.matchers ?? [])],
    start: spec.start,
    timeZone: spec.timeZone ?? 'UTC',
    durationMs: parsePrometheusDuration(spec.duration) ?? 0,
    ...(spec.rrule === undefined ? {} : { rrule: spec.rrule }),
    suppress: spec.suppress ?? 'pages',
  };
}
