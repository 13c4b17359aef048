import { compileSloDefinition, isoInstant, type ObjectLookup, type SloSeriesBody } from '@xops/contracts';
import { replaySlo, type SeriesBucket, type SloDefinition, type SloReplay } from '@xops/core';
import type { XopsStore } from '@xops/store';
import { XopsError } from '../http/xops-error';
import { finiteOrNull } from './alert-bodies';
import { storedObjectLookup } from './compiled-slos';
import { sloLookbackMs } from './series-needs';
import { burnRateBodies } from './status-body';

/** Simulated time of a replay over stored history, epoch ms. */
export interface StoredReplayOptions {
  readonly from: number;
  readonly to: number;
  /** How often the engine evaluates. */
  readonly stepMs: number;
  /** How often a point is recorded. */
  readonly pointEveryMs: number;
}

/** A lookup over the stored objects an SLO can be compiled from. */
export async function sloObjectLookup(store: XopsStore): Promise<ObjectLookup> {
  const kinds = ['SLO', 'SLI', 'AlertPolicy', 'AlertCondition'];
  return storedObjectLookup((await Promise.all(kinds.map((kind) => store.listObjects(kind)))).flat());
}

/** The compiled definition of a stored SLO: 404 when there is none, 409 when it cannot be evaluated. */
export async function storedSloDefinition(store: XopsStore, name: string): Promise<SloDefinition> {
  const lookup = await sloObjectLookup(store);
  const document = lookup('SLO', name);
  if (document === undefined) throw new XopsError('XOPS_ERR_NOT_FOUND', `SLO "${name}" does not exist.`, { kind: 'SLO', name });
  const compiled = compileSloDefinition(document, lookup);
  if (!compiled.ok) throw new XopsError('XOPS_ERR_CONFLICT', `${compiled.error}; it cannot be evaluated until that is fixed.`);
  return compiled.value;
}

/**
 * Runs the engine over the stored buckets of an SLO's series with simulated time (`replaySlo`),
 * reading each series from a full window before `from` so the first point sees a whole window.
 * Returns the engine's error text when it refuses the definition.
 */
export async function replayFromStore(store: XopsStore, definition: SloDefinition, options: StoredReplayOptions): Promise<{ ok: true; value: SloReplay } | { ok: false; error: string }> {
  const lookback = sloLookbackMs(definition);
  const buckets: Record<string, readonly SeriesBucket[]> = {};
  for (const { seriesKey } of definition.objectives) {
    // `to` itself is evaluated, and sees the buckets that ended by then.
    if (!Object.hasOwn(buckets, seriesKey)) buckets[seriesKey] = await store.readBuckets(seriesKey, options.from - lookback, options.to);
  }
  const result = replaySlo(definition, buckets, options);
  return result.ok ? result : { ok: false, error: result.error.problems.join('; ') };
}

/** A replay's points as the API's columns, one value per point in each. */
export function toSeriesBody(slo: string, replay: SloReplay, options: StoredReplayOptions): SloSeriesBody {
  const { points } = replay;
  const first = points[0]?.objectives ?? [];
  return {
    slo,
    from: isoInstant(options.from),
    to: isoInstant(options.to),
    stepSeconds: options.pointEveryMs / 1000,
    at: points.map((point) => isoInstant(point.at)),
    objectives: first.map((objective, j) => ({
      objective: objective.objective,
      target: objective.target,
      sli: points.map((point) => finiteOrNull(point.objectives[j]?.sli)),
      errorBudgetRemaining: points.map((point) => finiteOrNull(point.objectives[j]?.budget.remaining)),
      burnRates: burnRateBodies(objective).map((window, w) => ({
        window: window.window,
        windowSeconds: window.windowSeconds,
        values: points.map((point) => finiteOrNull(point.objectives[j]?.burnRates[w]?.burnRate)),
      })),
    })),
  };
}
