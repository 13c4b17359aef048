import type { RulePlanning } from './alert-rule-check';
import { badSliceCost, compositeTarget } from './composite-slo';
import { ObjectiveRuntime, type ObjectiveSource } from './objective-runtime';
import { sliceOriginMs } from './series-plan';
import type { SliSeries } from './sli-series';
import type { SliceDeriver, SliceRule } from './slice-deriver';
import type { ObjectiveDefinition, SloDefinition } from './slo-definition';
import { COMPOSITE_OBJECTIVE, SloRuntime } from './slo-runtime';

/** A derived slice series an SLO needs; equal keys share one deriver across SLOs. */
export interface DeriverSpec {
  readonly key: string;
  readonly rule: SliceRule;
  readonly sliceMs: number;
  readonly originMs: number;
  readonly parts: readonly { readonly seriesKey: string; readonly sliceTarget: number; readonly badCost: number }[];
}

/**
 * Wires one (valid) definition to the engine's series: Occurrences objectives read their raw
 * series, time-slice objectives a derived slice series, and a composite combines its objectives
 * (see composite-slo.ts). `planning` is `planRules` of its rules.
 */
export function buildSloRuntime(
  definition: SloDefinition,
  seriesOf: (seriesKey: string) => SliSeries,
  deriverFor: (spec: DeriverSpec) => SliceDeriver,
  planning: RulePlanning,
): SloRuntime {
  const windowCount = planning.windowsMs.length;
  const ruleCount = definition.alertRules.length;
  const objectives = definition.objectives.map((objective) => {
    const raw = seriesOf(objective.seriesKey);
    const source: ObjectiveSource = definition.method === 'Occurrences'
      ? { kind: 'series', units: raw, unit: 'events', sliceMs: 1 }
      : { kind: 'series', units: deriverFor(objectiveSlices(definition, objective)).output, unit: 'slices', sliceMs: sliceOf(objective) };
    return new ObjectiveRuntime(objective.name, objective.target, objective.compositeWeight, [raw], source, [], windowCount, ruleCount);
  });
  if (!definition.composite) return new SloRuntime(definition, objectives, planning);
  const target = compositeTarget(definition.objectives.map((o) => ({ weight: o.compositeWeight, target: o.target })));
  let source: ObjectiveSource = { kind: 'weighted' };
  if (definition.method === 'Timeslices') {
    const deriver = deriverFor(compositeSlices(definition));
    source = { kind: 'slice-costs', units: deriver.output, sliceMs: deriver.sliceMs, costScale: deriver.costScale };
  }
  const raw = objectives.flatMap((objective) => objective.raw);
  const composite = new ObjectiveRuntime(COMPOSITE_OBJECTIVE, target, 1, raw, source, objectives, windowCount, ruleCount);
  return new SloRuntime(definition, [...objectives, composite], planning);
}

// Validation guarantees a slice length for the time-slice methods.
const sliceOf = (objective: ObjectiveDefinition): number => objective.timeSliceWindowMs ?? 0;

function objectiveSlices(definition: SloDefinition, objective: ObjectiveDefinition): DeriverSpec {
  const sliceMs = sliceOf(objective);
  const originMs = sliceOriginMs(definition, sliceMs);
  const rule: SliceRule = definition.method === 'Timeslices' ? 'timeslices' : 'ratio';
  const sliceTarget = rule === 'timeslices' ? (objective.timeSliceTarget ?? 1) : 0;
  return {
    key: `${rule}|${objective.seriesKey}|${sliceMs}|${originMs}|${sliceTarget}`,
    rule, sliceMs, originMs,
    parts: [{ seriesKey: objective.seriesKey, sliceTarget, badCost: 0 }],
  };
}

function compositeSlices(definition: SloDefinition): DeriverSpec {
  const sliceMs = sliceOf(definition.objectives[0]!);
  const originMs = sliceOriginMs(definition, sliceMs);
  const parts = definition.objectives.map((objective) => ({
    seriesKey: objective.seriesKey,
    sliceTarget: objective.timeSliceTarget ?? 1,
    badCost: badSliceCost({ weight: objective.compositeWeight, target: objective.target }),
  }));
  return { key: `composite-timeslices|${definition.name}|${sliceMs}|${originMs}|${JSON.stringify(parts)}`, rule: 'composite-timeslices', sliceMs, originMs, parts };
}
