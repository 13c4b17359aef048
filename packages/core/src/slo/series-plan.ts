import { FINE_BUCKET_MS } from './bucket';
import { EXHAUSTION_LOOKBACK_MS } from './burn-rate';
import type { SloDefinition } from './slo-definition';
import { longestWindowMs, windowAnchorMs } from './window-bounds';

const HOUR_MS = 3_600_000;
// Coarse cell lengths to pick from: each divides a day, so cells stay aligned to local midnights
// in whole-hour zones. The smallest that keeps a series within ~800 coarse cells wins.
const COARSE_CELLS_MS = [1, 2, 3, 4, 6, 8, 12, 24].map((hours) => hours * HOUR_MS);
const MAX_COARSE_CELLS = 800;

/** How the engine keeps one series, decided from every SLO that reads it. */
export interface SeriesLayout {
  readonly retentionMs: number;
  readonly coarseCellMs: number;
  readonly coarseOriginMs: number;
}

/**
 * How far back an SLO reads: its longest window (a calendar period at its longest, DST
 * included) or its longest alert window, plus an hour so the window's oldest coarse cell is whole.
 */
export function sloRetentionMs(definition: SloDefinition): number {
  let longest = Math.max(longestWindowMs(definition.window), EXHAUSTION_LOOKBACK_MS);
  for (const rule of definition.alertRules) {
    if (rule.kind === 'multiwindow-burn-rate') longest = Math.max(longest, rule.longWindowMs, rule.shortWindowMs);
    if (rule.kind === 'burn-rate') longest = Math.max(longest, rule.lookbackWindowMs);
  }
  return longest + HOUR_MS;
}

/** The layout for a series read back `retentionMs`, its coarse cells aligned to `anchorMs` (a calendar window's start). */
export function seriesLayout(retentionMs: number, anchorMs: number): SeriesLayout {
  const coarseCellMs = COARSE_CELLS_MS.find((cell) => retentionMs / cell <= MAX_COARSE_CELLS) ?? Math.ceil(retentionMs / MAX_COARSE_CELLS / HOUR_MS) * HOUR_MS;
  return { retentionMs, coarseCellMs, coarseOriginMs: modulo(anchorMs, coarseCellMs) };
}

/** The layout of every series the definitions read: the longest retention wins, the first calendar anchor aligns. */
export function planSeries(definitions: readonly SloDefinition[]): Map<string, SeriesLayout> {
  const needs = new Map<string, { retentionMs: number; anchorMs: number }>();
  for (const definition of definitions) {
    const retentionMs = sloRetentionMs(definition);
    const anchorMs = windowAnchorMs(definition.window);
    for (const { seriesKey } of definition.objectives) {
      const need = needs.get(seriesKey);
      if (need === undefined) needs.set(seriesKey, { retentionMs, anchorMs });
      else needs.set(seriesKey, { retentionMs: Math.max(need.retentionMs, retentionMs), anchorMs: need.anchorMs || anchorMs });
    }
  }
  return new Map([...needs].map(([key, need]) => [key, seriesLayout(need.retentionMs, need.anchorMs)]));
}

/**
 * Where the time slices of an SLO start: on the epoch grid for a rolling window, on the period's
 * start for a calendar one (so that slices never straddle the window's start), rounded to a bucket.
 */
export function sliceOriginMs(definition: SloDefinition, sliceMs: number): number {
  const origin = modulo(windowAnchorMs(definition.window), sliceMs);
  return origin - modulo(origin, FINE_BUCKET_MS);
}

export function sameLayout(a: SeriesLayout, b: SeriesLayout): boolean {
  return a.retentionMs === b.retentionMs && a.coarseCellMs === b.coarseCellMs && a.coarseOriginMs === b.coarseOriginMs;
}

function modulo(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
