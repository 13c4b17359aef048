import type { Result } from '../result';
import { FINE_BUCKET_MS } from './bucket';
import type { AlertRuleDefinition, SloDefinition } from './slo-definition';
import { COMPOSITE_OBJECTIVE } from './slo-runtime';
import { checkTimeWindow, longestWindowMs } from './window-bounds';

const positive = (ms: number): boolean => Number.isFinite(ms) && ms > 0;
const wholeBuckets = (ms: number): boolean => positive(ms) && ms % FINE_BUCKET_MS === 0;

/**
 * Checks that the engine can evaluate a definition, and says every reason why not at once.
 * `contracts` already rejects invalid OpenSLO; this guards the engine's own assumptions
 * (targets below 1, slices of whole 10-second buckets, one slice length per Timeslices composite…).
 *
 * @example validateSloDefinition({ …definition, objectives: [] })
 *   // → { ok: false, error: ['has no objectives'] }
 */
export function validateSloDefinition(definition: SloDefinition): Result<SloDefinition, string[]> {
  const problems: string[] = [];
  if (definition.name.length === 0) problems.push('has no name');
  const window = checkTimeWindow(definition.window);
  if (!window.ok) problems.push(window.error);
  if (definition.objectives.length === 0) problems.push('has no objectives');
  const names = new Set<string>();
  const slicedMethod = definition.method !== 'Occurrences';
  for (const objective of definition.objectives) {
    const what = `objective "${objective.name}"`;
    if (objective.name === COMPOSITE_OBJECTIVE || names.has(objective.name)) problems.push(`${what}: the name is taken`);
    names.add(objective.name);
    if (!(objective.target >= 0 && objective.target < 1)) problems.push(`${what}: target ${objective.target} is not in [0, 1)`);
    if (!(objective.compositeWeight >= 0 && Number.isFinite(objective.compositeWeight))) problems.push(`${what}: weight ${objective.compositeWeight} is not ≥ 0`);
    if (objective.seriesKey.length === 0) problems.push(`${what}: no series`);
    if (!slicedMethod) continue;
    const slice = objective.timeSliceWindowMs;
    if (slice === undefined || !wholeBuckets(slice)) problems.push(`${what}: ${definition.method} needs a timeSliceWindow of whole 10-second buckets`);
    else if (window.ok && slice > longestWindowMs(definition.window)) problems.push(`${what}: the time slice is longer than the window`);
    const sliceTarget = objective.timeSliceTarget;
    if (definition.method === 'Timeslices' && !(sliceTarget !== undefined && sliceTarget > 0 && sliceTarget <= 1)) {
      problems.push(`${what}: Timeslices needs a timeSliceTarget in (0, 1]`);
    }
  }
  const slices = new Set(definition.objectives.map((objective) => objective.timeSliceWindowMs));
  if (definition.composite && definition.method === 'Timeslices' && slices.size > 1) {
    problems.push('the objectives of a Timeslices composite must share one timeSliceWindow: a bad slice of one is a bad slice of all');
  }
  const rules = new Set<string>();
  for (const rule of definition.alertRules) {
    if (rules.has(rule.name)) problems.push(`alert rule "${rule.name}" is given twice`);
    rules.add(rule.name);
    const problem = ruleProblem(rule);
    if (problem !== undefined) problems.push(`alert rule "${rule.name}": ${problem}`);
  }
  if (!(definition.minEventsForBurnRateAlerts >= 0)) problems.push('minEventsForBurnRateAlerts must be ≥ 0');
  return problems.length === 0 ? { ok: true, value: definition } : { ok: false, error: problems };
}

function ruleProblem(rule: AlertRuleDefinition): string | undefined {
  switch (rule.kind) {
    case 'multiwindow-burn-rate':
      if (!positive(rule.longWindowMs) || !positive(rule.shortWindowMs)) return 'windows must be positive';
      return Number.isFinite(rule.factor) && rule.factor > 0 ? undefined : 'factor must be positive';
    case 'burn-rate':
      if (!positive(rule.lookbackWindowMs)) return 'lookbackWindow must be positive';
      if (!Number.isFinite(rule.threshold)) return 'threshold must be a number';
      return rule.alertAfterMs >= 0 ? undefined : 'alertAfter must be ≥ 0';
    case 'no-data':
      return positive(rule.afterMs) ? undefined : 'afterMs must be positive';
    case 'budget-exhausted':
      return undefined;
  }
}
