import type { ConfigProblem } from '../config-object';
import { parseDurationShorthand } from '../duration';
import { ownField } from '../plain-object';

/** What an SLI measures, as far as SLO rules care: one value against a threshold, or a ratio. */
export type SliKind = 'threshold' | 'ratio';

/** Where an objective's SLI comes from: written inline, or named by a reference. */
export type SliSource = { readonly inline: unknown } | { readonly ref: string };

/** The kind of an SLI source and how to name it in a message (`its SLI`, ``SLI `latency` ``). */
export type SliKindOf = (source: SliSource) => { readonly kind: SliKind; readonly label: string } | undefined;

/** The kind of an inline SLI (`{metadata, spec}`), or `undefined` when its spec is not decided. */
export function inlineSliKind(sli: unknown): SliKind | undefined {
  const spec = ownField(sli, 'spec');
  const threshold = ownField(spec, 'thresholdMetric') !== undefined;
  const ratio = ownField(spec, 'ratioMetric') !== undefined;
  if (threshold === ratio) return undefined;
  return threshold ? 'threshold' : 'ratio';
}

/** True when objectives carry their own SLIs (OpenSLO README § Notes (Composite SLO)). */
export function isCompositeSlo(spec: unknown): boolean {
  return objectivesOf(spec).some(hasSli);
}

/**
 * The SLO rules that need more than one field: SLI given once (or per objective for a composite),
 * per-method objective fields, aligned time slices in a composite, threshold SLIs. Reads the raw
 * spec; paths are relative to it.
 */
export function sloSpecProblems(spec: unknown): ConfigProblem[] {
  if (typeof spec !== 'object' || spec === null) return [];
  return [
    ...indicatorProblems(spec),
    ...methodProblems(spec),
    ...thresholdSliProblems(spec, (source) => {
      if (!('inline' in source)) return undefined;
      const kind = inlineSliKind(source.inline);
      return kind === undefined ? undefined : { kind, label: 'its SLI' };
    }),
  ];
}

/**
 * Problems of objectives whose SLI is a thresholdMetric: exactly one objective when the SLO has
 * one SLI (OpenSLO README § Notes (SLO)), and `op` with `value` on each such objective.
 * `kindOf` says which sources it can judge; others are skipped.
 */
export function thresholdSliProblems(spec: unknown, kindOf: SliKindOf): ConfigProblem[] {
  const objectives = objectivesOf(spec);
  const problems: ConfigProblem[] = [];
  const checkObjective = (objective: unknown, index: number, label: string): void => {
    if (ownField(objective, 'op') === undefined) {
      problems.push({ path: ['objectives', index, 'op'], message: `\`op\` is required because ${label} is a thresholdMetric: one of lte, gte, lt, gt, to compare each value with \`value\`` });
    }
    if (ownField(objective, 'value') === undefined) {
      problems.push({ path: ['objectives', index, 'value'], message: `\`value\` is required because ${label} is a thresholdMetric: the threshold each value is compared with` });
    }
  };
  if (isCompositeSlo(spec)) {
    objectives.forEach((objective, index) => {
      const source = sliSourceOf(objective);
      const sli = source === undefined ? undefined : kindOf(source);
      if (sli?.kind === 'threshold') checkObjective(objective, index, sli.label);
    });
    return problems;
  }
  const source = sliSourceOf(spec);
  const sli = source === undefined ? undefined : kindOf(source);
  if (sli?.kind !== 'threshold') return problems;
  if (objectives.length > 1) {
    problems.push({ path: ['objectives'], message: `has ${objectives.length} objectives, but an SLO whose SLI is a thresholdMetric takes exactly one (OpenSLO v1): move the others to SLOs of their own` });
  }
  objectives.forEach((objective, index) => checkObjective(objective, index, sli.label));
  return problems;
}

function indicatorProblems(spec: object): ConfigProblem[] {
  const both = (path: readonly (string | number)[]): ConfigProblem => ({ path: [...path, 'indicatorRef'], message: 'use either `indicator` (an inline SLI) or `indicatorRef` (the name of an SLI), not both' });
  const own = hasSli(spec);
  const hasBoth = ownField(spec, 'indicator') !== undefined && ownField(spec, 'indicatorRef') !== undefined;
  if (!isCompositeSlo(spec)) {
    if (hasBoth) return [both([])];
    return own ? [] : [{ path: [], message: 'an SLO needs `indicator` (an inline SLI) or `indicatorRef` (the name of an SLI)' }];
  }
  const problems: ConfigProblem[] = [];
  if (own) {
    const key = ownField(spec, 'indicator') === undefined ? 'indicatorRef' : 'indicator';
    problems.push({ path: [key], message: `remove the SLO's \`${key}\`: the objectives carry their own SLIs, which makes this a composite SLO` });
  }
  objectivesOf(spec).forEach((objective, index) => {
    if (typeof objective !== 'object' || objective === null) return;
    if (ownField(objective, 'indicator') !== undefined && ownField(objective, 'indicatorRef') !== undefined) problems.push(both(['objectives', index]));
    if (!hasSli(objective)) {
      problems.push({ path: ['objectives', index], message: 'in a composite SLO every objective needs its own `indicator` or `indicatorRef`, because other objectives have one' });
    }
  });
  return problems;
}

function methodProblems(spec: object): ConfigProblem[] {
  const method = ownField(spec, 'budgetingMethod');
  if (method !== 'Timeslices' && method !== 'RatioTimeslices') return [];
  const problems: ConfigProblem[] = [];
  const objectives = objectivesOf(spec);
  objectives.forEach((objective, index) => {
    if (typeof objective !== 'object' || objective === null) return;
    if (method === 'Timeslices' && ownField(objective, 'timeSliceTarget') === undefined) {
      problems.push({ path: ['objectives', index, 'timeSliceTarget'], message: '`timeSliceTarget` is required with budgetingMethod Timeslices: the share of good values that makes a slice good, e.g. 0.95' });
    }
    if (ownField(objective, 'timeSliceWindow') === undefined) {
      problems.push({ path: ['objectives', index, 'timeSliceWindow'], message: `\`timeSliceWindow\` is required with budgetingMethod ${method}: the length of one time slice, e.g. 1m, or 5 for five minutes` });
    }
  });
  if (isCompositeSlo(spec)) {
    // A composite has one budgeting method, so its objectives must slice time alike: a bad slice of
    // any objective is a bad slice of the composite (OpenSLO README § Notes (Composite SLO)).
    let first: { readonly text: string; readonly minutes: string } | undefined;
    objectives.forEach((objective, index) => {
      const window = ownField(objective, 'timeSliceWindow');
      const minutes = sliceKey(window);
      if (minutes === undefined) return;
      if (first === undefined) first = { text: String(window), minutes };
      else if (first.minutes !== minutes) {
        problems.push({ path: ['objectives', index, 'timeSliceWindow'], message: `every objective of a composite SLO must use the same timeSliceWindow as the first (\`${first.text}\`): they share one budgeting method` });
      }
    });
  }
  return problems;
}

const MINUTES: Readonly<Record<string, number>> = { m: 1, h: 60, d: 1440, w: 10_080 };

/** A comparable key for a time slice: minutes when the unit has a fixed length, else the text. */
function sliceKey(window: unknown): string | undefined {
  if (typeof window === 'number') return Number.isFinite(window) && window > 0 ? String(window) : undefined;
  if (typeof window !== 'string') return undefined;
  const parsed = parseDurationShorthand(window);
  if (parsed === undefined) return undefined;
  const factor = MINUTES[parsed.unit];
  return factor === undefined ? window : String(parsed.amount * factor);
}

function objectivesOf(spec: unknown): readonly unknown[] {
  const objectives = ownField(spec, 'objectives');
  return Array.isArray(objectives) ? objectives : [];
}

function hasSli(holder: unknown): boolean {
  return ownField(holder, 'indicator') !== undefined || ownField(holder, 'indicatorRef') !== undefined;
}

function sliSourceOf(holder: unknown): SliSource | undefined {
  const inline = ownField(holder, 'indicator');
  if (inline !== undefined) return { inline };
  const ref = ownField(holder, 'indicatorRef');
  return typeof ref === 'string' ? { ref } : undefined;
}
