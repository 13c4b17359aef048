import { formatMetricSelector, type StoredObject } from '@xops/contracts';
import { FINE_BUCKET_MS } from '@xops/core';
import type { XopsStore } from '@xops/store';
import { compileSelectorRules, type SelectorRule } from '../selector-rules';
import { queryRange } from './query-range';
import { bucketSteps, rangeBuckets, type RoleRange } from './range-buckets';
import { promqlSources, type PromqlSource } from './promql-sources';

/** The selectors of one SLI series read from PromQL sources. */
export interface PromqlSeriesPlan {
  readonly seriesKey: string;
  readonly rules: readonly SelectorRule[];
}

/** At most this many buckets per `query_range` call: Prometheus refuses more than 11 000 points per series. */
export const BACKFILL_CHUNK_BUCKETS = 8640;

/** Every series fed by a PromQL source among `objects` (DataSources, SLIs, SLOs), with its selectors. */
export function promqlSeriesPlans(objects: readonly StoredObject[]): { plans: PromqlSeriesPlan[]; sources: Map<string, PromqlSource> } {
  const byKey = new Map<string, SelectorRule[]>();
  for (const rule of compileSelectorRules(objects, 'promql')) {
    const list = byKey.get(rule.seriesKey) ?? [];
    list.push(rule);
    byKey.set(rule.seriesKey, list);
  }
  return { plans: [...byKey].map(([seriesKey, rules]) => ({ seriesKey, rules })), sources: promqlSources(objects) };
}

export type FillResult = { readonly ok: true; readonly buckets: number } | { readonly ok: false; readonly error: string; readonly dataSource?: string };

/**
 * Queries the selectors of `plan` over `[fromMs, toMs)` (multiples of 10 s) and writes the buckets
 * with `replace`, so that a second fill of the same range writes the same counts. One range at a
 * time; the first source that fails stops the fill with its reason, nothing of that chunk written.
 */
export async function fillSeries(store: XopsStore, sources: ReadonlyMap<string, PromqlSource>, plan: PromqlSeriesPlan, fromMs: number, toMs: number): Promise<FillResult> {
  const ranges: RoleRange[] = [];
  const steps = bucketSteps(fromMs, toMs);
  for (const rule of plan.rules) {
    const source = rule.dataSource === undefined ? undefined : sources.get(rule.dataSource);
    if (source === undefined) return { ok: false, error: `DataSource "${rule.dataSource ?? ''}" of ${rule.owner} is not a valid Prometheus source`, dataSource: rule.dataSource };
    const answer = await queryRange(source, { query: formatMetricSelector(rule.selector), ...steps });
    if (!answer.ok) return { ok: false, error: answer.error, dataSource: source.dataSource };
    ranges.push({ role: rule.role, ...(rule.le === undefined ? {} : { le: rule.le }), series: answer.series });
  }
  const buckets = rangeBuckets(ranges, fromMs, toMs);
  if (buckets.length > 0) await store.writeBuckets(plan.seriesKey, buckets, 'replace');
  return { ok: true, buckets: buckets.length };
}

/** Progress of a backfill: buckets of time covered so far, out of all, over every series. */
export interface BackfillProgress {
  readonly doneMs: number;
  readonly totalMs: number;
}

/**
 * Fills `[fromMs, toMs)` (rounded out to 10 s) of every plan in chunks of `BACKFILL_CHUNK_BUCKETS`,
 * oldest first, calling `onProgress` after each chunk. Stops at the first failing chunk.
 */
export async function backfillSeries(options: {
  readonly store: XopsStore;
  readonly sources: ReadonlyMap<string, PromqlSource>;
  readonly plans: readonly PromqlSeriesPlan[];
  readonly fromMs: number;
  readonly toMs: number;
  readonly onProgress?: (progress: BackfillProgress) => void;
}): Promise<{ readonly ok: true; readonly buckets: number; readonly fromMs: number; readonly toMs: number } | { readonly ok: false; readonly error: string; readonly dataSource?: string }> {
  const fromMs = Math.floor(options.fromMs / FINE_BUCKET_MS) * FINE_BUCKET_MS;
  const toMs = Math.ceil(options.toMs / FINE_BUCKET_MS) * FINE_BUCKET_MS;
  const chunkMs = BACKFILL_CHUNK_BUCKETS * FINE_BUCKET_MS;
  const totalMs = (toMs - fromMs) * options.plans.length;
  let doneMs = 0;
  let buckets = 0;
  for (const plan of options.plans) {
    for (let start = fromMs; start < toMs; start += chunkMs) {
      const end = Math.min(toMs, start + chunkMs);
      const filled = await fillSeries(options.store, options.sources, plan, start, end);
      if (!filled.ok) return filled;
      buckets += filled.buckets;
      doneMs += end - start;
      options.onProgress?.({ doneMs, totalMs });
    }
  }
  return { ok: true, buckets, fromMs, toMs };
}
