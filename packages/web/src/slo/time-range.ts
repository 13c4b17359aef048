import type { ZoomRange } from '../charts/time-chart';

/** The ranges the window picker offers; `window` is the SLO's own window (rolling length, or the calendar period so far). */
export const RANGE_CHOICES = [
  { id: '1h', label: '1 hour', ms: 3_600_000 },
  { id: '6h', label: '6 hours', ms: 21_600_000 },
  { id: '1d', label: '1 day', ms: 86_400_000 },
  { id: '7d', label: '7 days', ms: 604_800_000 },
  { id: 'window', label: 'SLO window', ms: null },
] as const;
export type RangeChoice = (typeof RANGE_CHOICES)[number]['id'];

/** Steps the series API takes, finest first: each a whole number of 10-second buckets. */
const STEPS: readonly { readonly text: string; readonly ms: number }[] = [
  ['10s', 10], ['30s', 30], ['1m', 60], ['5m', 300], ['10m', 600], ['15m', 900], ['30m', 1800],
  ['1h', 3600], ['3h', 10_800], ['6h', 21_600], ['12h', 43_200], ['1d', 86_400],
].map(([text, seconds]) => ({ text: String(text), ms: Number(seconds) * 1000 }));

/**
 * The finest step that draws `rangeMs` in at most `maxPoints` points: `chooseStep(86_400_000)`
 * → `{ text: '5m', ms: 300000 }` (288 points). The API allows 11 000 points; a chart needs fewer.
 */
export function chooseStep(rangeMs: number, maxPoints = 1000): { readonly text: string; readonly ms: number } {
  return STEPS.find((step) => rangeMs / step.ms <= maxPoints) ?? { text: '1d', ms: 86_400_000 };
}

/** `[from, to]` of a choice ending at `now` (epoch ms), with its step; `window` starts at `windowFrom`. */
export function rangeFor(choice: RangeChoice, now: number, windowFrom: number): SeriesRange {
  const picked = RANGE_CHOICES.find((candidate) => candidate.id === choice);
  const from = picked?.ms ? now - picked.ms : Math.min(windowFrom, now - 60_000);
  return { from, to: now, step: chooseStep(now - from).text };
}

/** A span of time the series is asked for: epoch ms, and the step as the API takes it (`30s`). */
export interface SeriesRange {
  readonly from: number;
  readonly to: number;
  readonly step: string;
}

/**
 * The range a zoom asks the server for: the dragged range as the chart reports it (epoch
 * seconds) in whole ms, at the finest step that keeps it to ~1,000 points, down to the 10 s the
 * server holds. Zooming into 6 hours of a 30-day window: `{ step: '30s' }`, 721 points where
 * the window's 1-hour step had 6 or 7.
 */
export function zoomedRange(zoom: ZoomRange): SeriesRange {
  const from = Math.round(zoom.min * 1000);
  const to = Math.max(Math.round(zoom.max * 1000), from + 1);
  return { from, to, step: chooseStep(to - from).text };
}
