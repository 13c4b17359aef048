import {
  defaultBurnRateRules, FINE_BUCKET_MS, validateSloDefinition,
  type AlertRuleDefinition, type CalendarWindow, type ObjectiveDefinition, type SloDefinition, type TimeWindow,
} from '@xops/core';
import type { z } from 'zod';
import { seriesKeyForSli, seriesKeyForThreshold } from '../api/series-key';
import type { ConfigObject } from './config-object';
import { parseDurationShorthand, type DurationUnit } from './duration';
import { durationMs } from './duration-ms';
import { alertConditionSpecSchema, type AlertConditionSpec } from './openslo/alert-condition';
import { alertPolicySpecSchema, type AlertPolicySpec } from './openslo/alert-policy';
import type { Objective } from './openslo/objective';
import { sliSpecSchema, type SliSpec } from './openslo/sli';
import { sloSpecSchema, type SloSpec } from './openslo/slo';
import type { TimeWindow as TimeWindowSpec } from './openslo/time-window';

/** Finds a stored object by kind and name, e.g. `lookup('SLI', 'checkout-availability')`. */
export type ObjectLookup = (kind: string, name: string) => ConfigObject | undefined;

/** What compiling an SLO gives: the engine's definition, or why this SLO cannot be evaluated. */
export type CompileSloResult = { readonly ok: true; readonly value: SloDefinition } | { readonly ok: false; readonly error: string };

/** The annotation that overrides the low-traffic guard of one SLO, e.g. `xops.dev/min-events: "500"`; `"0"` turns it off. */
export const MIN_EVENTS_ANNOTATION = 'xops.dev/min-events';
/** Events a burn-rate rule's long window must hold before it may fire, unless the annotation says otherwise. */
export const DEFAULT_MIN_EVENTS_FOR_BURN_RATE_ALERTS = 100;
/** The window of an SLO that gives none (OpenSLO's own README example omits it): the Workbook's 30 days, rolling. */
export const DEFAULT_TIME_WINDOW: TimeWindow = { kind: 'rolling', durationMs: 30 * 86_400_000 };

const CALENDAR_UNITS: Readonly<Record<DurationUnit, CalendarWindow['unit']>> = {
  m: 'minute', h: 'hour', d: 'day', w: 'week', M: 'month', Q: 'quarter', Y: 'year',
};
const SHORTHAND_UNITS: Readonly<Record<CalendarWindow['unit'], DurationUnit>> = {
  minute: 'm', hour: 'h', day: 'd', week: 'w', month: 'M', quarter: 'Q', year: 'Y',
};

/** An expected failure while compiling; caught once, at the top, and turned into `{ ok: false }`. */
class CompileError extends Error {}

/**
 * Turns a valid SLO document into what the engine evaluates: every reference resolved through
 * `lookup`, every duration in milliseconds, every default applied, and checked by the engine's
 * `validateSloDefinition`. Never throws.
 *
 * - Objectives are named by `displayName`, else `objective-<index>`; `targetPercent` becomes a fraction.
 * - A ratio SLI feeds the series `seriesKeyForSli(sli)`; a threshold SLI is turned into good/total at
 *   ingest per objective, so it feeds `seriesKeyForThreshold(slo, objective)`.
 * - `budgetingMethod` defaults to Occurrences and `timeWindow` to 30 days rolling.
 * - Alert rules come from the SLO's alert policies (a `burn-rate` rule unless `alertWhenBreaching: false`,
 *   a `no-data` rule with `alertWhenNoData: true`); without policies, the Workbook's tiers scaled to the window.
 *
 * @example compileSloDefinition(slo, (kind, name) => objects.get(`${kind}/${name}`))
 *   // → { ok: true, value: { name: 'checkout-availability', window: { kind: 'rolling', durationMs: 2_419_200_000 }, … } }
 */
export function compileSloDefinition(slo: ConfigObject, lookup: ObjectLookup): CompileSloResult {
  try {
    // The engine's own check too (a window its calendar cannot place, a slice longer than the
    // window): an SLO that compiles is one the engine evaluates.
    const checked = validateSloDefinition(compile(slo, lookup));
    return checked.ok ? checked : { ok: false, error: `SLO "${slo.metadata.name}": ${checked.error.join('; ')}` };
  } catch (error) {
    if (error instanceof CompileError) return { ok: false, error: `SLO "${slo.metadata.name}": ${error.message}` };
    throw error;
  }
}

function compile(slo: ConfigObject, lookup: ObjectLookup): SloDefinition {
  if (slo.kind !== 'SLO') throw new CompileError(`is of kind ${slo.kind}, not SLO`);
  const spec = parseSpec(sloSpecSchema, slo.spec, 'its spec');
  const window = compileTimeWindow(spec.timeWindow?.[0]);
  const composite = spec.objectives.some((objective) => objective.indicator !== undefined || objective.indicatorRef !== undefined);
  const objectives = spec.objectives.map((objective, index) => compileObjective({
    slo: slo.metadata.name, objective, index, sli: resolveSli(composite ? objective : spec, lookup),
  }));
  const names = new Set<string>();
  for (const objective of objectives) {
    if (names.has(objective.name)) throw new CompileError(`two objectives are called "${objective.name}": give each a displayName of its own`);
    names.add(objective.name);
  }
  return {
    name: slo.metadata.name,
    service: spec.service,
    window,
    method: spec.budgetingMethod ?? 'Occurrences',
    objectives,
    composite,
    alertRules: compileAlertRules(spec, window, lookup),
    minEventsForBurnRateAlerts: minEvents(slo.metadata.annotations?.[MIN_EVENTS_ANNOTATION]),
  };
}

function compileObjective(input: { slo: string; objective: Objective; index: number; sli: ResolvedSli }): ObjectiveDefinition {
  const { slo, objective, index, sli } = input;
  const name = objective.displayName ?? `objective-${index}`;
  // `targetPercent / 100` is not exact in binary (99.9 / 100 = 0.9990000000000001): round to 15
  // significant digits, which every percentage a person writes survives.
  const target = objective.target ?? Number(((objective.targetPercent ?? 0) / 100).toPrecision(15));
  const sliceMs = objective.timeSliceWindow === undefined ? undefined : timeSliceMs(objective.timeSliceWindow);
  return {
    name,
    target,
    ...(objective.timeSliceTarget === undefined ? {} : { timeSliceTarget: objective.timeSliceTarget }),
    ...(sliceMs === undefined ? {} : { timeSliceWindowMs: sliceMs }),
    seriesKey: sli.kind === 'ratio' ? seriesKeyForSli(sli.name) : seriesKeyForThreshold(slo, name),
    compositeWeight: objective.compositeWeight ?? 1,
  };
}

/** A time slice: a bare number is minutes (OpenSLO README § Objectives); it must hold whole buckets. */
function timeSliceMs(window: number | string): number {
  const ms = typeof window === 'number' ? Math.round(window * 60_000) : durationMs(parseDuration(window));
  if (ms % FINE_BUCKET_MS !== 0 || ms === 0) {
    throw new CompileError(`timeSliceWindow ${String(window)} is not a whole number of ${FINE_BUCKET_MS / 1000}-second buckets`);
  }
  return ms;
}

function compileTimeWindow(window: TimeWindowSpec | undefined): TimeWindow {
  if (window === undefined) return DEFAULT_TIME_WINDOW;
  const duration = parseDuration(window.duration);
  if (window.calendar === undefined) return { kind: 'rolling', durationMs: durationMs(duration) };
  return {
    kind: 'calendar',
    unit: CALENDAR_UNITS[duration.unit],
    count: duration.amount,
    // OpenSLO writes "2024-01-01 00:00:00"; the engine takes the ISO form without a zone.
    startTime: window.calendar.startTime.replace(' ', 'T'),
    timeZone: window.calendar.timeZone,
  };
}

/** The nominal length of a window, for scaling the default alert tiers: calendar units as in `durationMs`. */
function nominalLengthMs(window: TimeWindow): number {
  return window.kind === 'rolling' ? window.durationMs : durationMs({ amount: window.count, unit: SHORTHAND_UNITS[window.unit] });
}

function compileAlertRules(spec: SloSpec, window: TimeWindow, lookup: ObjectLookup): AlertRuleDefinition[] {
  const policies = spec.alertPolicies ?? [];
  if (policies.length === 0) return [...defaultBurnRateRules(nominalLengthMs(window))];
  const rules: AlertRuleDefinition[] = [];
  for (const item of policies) {
    const policy = item.alertPolicyRef === undefined
      ? { name: item.metadata?.name, spec: item.spec }
      : { name: item.alertPolicyRef, spec: parseSpec(alertPolicySpecSchema, lookupSpec(lookup, 'AlertPolicy', item.alertPolicyRef), `AlertPolicy "${item.alertPolicyRef}"`) };
    if (policy.name === undefined || policy.spec === undefined) throw new CompileError('an inline alert policy needs metadata and spec');
    rules.push(...policyRules(policy.name, policy.spec, lookup));
  }
  const names = new Set<string>();
  for (const rule of rules) {
    if (names.has(rule.name)) throw new CompileError(`alert policy "${rule.name}" is given twice`);
    names.add(rule.name);
  }
  return rules;
}

function policyRules(name: string, policy: AlertPolicySpec, lookup: ObjectLookup): AlertRuleDefinition[] {
  const item = policy.conditions[0];
  if (item === undefined) throw new CompileError(`alert policy "${name}" has no condition`);
  const condition: AlertConditionSpec | undefined = item.conditionRef === undefined
    ? item.spec
    : parseSpec(alertConditionSpecSchema, lookupSpec(lookup, 'AlertCondition', item.conditionRef), `AlertCondition "${item.conditionRef}"`);
  if (condition === undefined) throw new CompileError(`the inline condition of alert policy "${name}" needs a spec`);
  const { op, threshold, lookbackWindow, alertAfter } = condition.condition;
  const lookbackWindowMs = durationMs(parseDuration(lookbackWindow));
  const rules: AlertRuleDefinition[] = [];
  // OpenSLO gives no defaults for these flags: a policy exists to alert on a breach, so that is on
  // unless turned off, and the no-data alert is off unless asked for.
  if (policy.alertWhenBreaching ?? true) {
    rules.push({
      kind: 'burn-rate', name, severity: condition.severity, op, threshold, lookbackWindowMs,
      alertAfterMs: alertAfter === undefined ? 0 : durationMs(parseDuration(alertAfter)),
    });
  }
  // No data for a whole lookback window means the condition is blind: that is when it alerts.
  if (policy.alertWhenNoData === true) rules.push({ kind: 'no-data', name: `${name}-no-data`, severity: condition.severity, afterMs: lookbackWindowMs });
  return rules;
}

type ResolvedSli = { readonly name: string; readonly kind: 'ratio' | 'threshold' };

function resolveSli(holder: { readonly indicator?: { metadata: { name: string }; spec: SliSpec }; readonly indicatorRef?: string }, lookup: ObjectLookup): ResolvedSli {
  if (holder.indicator !== undefined) return { name: holder.indicator.metadata.name, kind: sliKind(holder.indicator.spec) };
  if (holder.indicatorRef === undefined) throw new CompileError('has no indicator');
  const spec = parseSpec(sliSpecSchema, lookupSpec(lookup, 'SLI', holder.indicatorRef), `SLI "${holder.indicatorRef}"`);
  return { name: holder.indicatorRef, kind: sliKind(spec) };
}

const sliKind = (spec: SliSpec): ResolvedSli['kind'] => (spec.thresholdMetric === undefined ? 'ratio' : 'threshold');

function lookupSpec(lookup: ObjectLookup, kind: string, name: string): unknown {
  const object = lookup(kind, name);
  if (object === undefined) throw new CompileError(`${kind} "${name}" does not exist`);
  return object.spec;
}

function parseSpec<T>(schema: z.ZodType<T>, spec: unknown, what: string): T {
  const parsed = schema.safeParse(spec);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new CompileError(`${what} is not valid${issue === undefined ? '' : ` at ${issue.path.map(String).join('.')}: ${issue.message}`}`);
}

function parseDuration(text: string) {
  const parsed = parseDurationShorthand(text);
  if (parsed === undefined) throw new CompileError(`duration "${text}" does not parse`);
  return parsed;
}

function minEvents(annotation: string | undefined): number {
  if (annotation === undefined) return DEFAULT_MIN_EVENTS_FOR_BURN_RATE_ALERTS;
  if (!/^\d{1,9}$/.test(annotation)) {
    throw new CompileError(`annotation ${MIN_EVENTS_ANNOTATION} must be a whole number of events, e.g. "100" ("0" turns the low-traffic guard off), not "${annotation}"`);
  }
  return Number(annotation);
}
