/** How long a counter or a source may go unseen before it starts afresh: Prometheus's 5-minute lookback. */
export const COUNTER_STALE_AFTER_MS = 5 * 60_000;

/**
 * Turns running totals into increases, per source and series. As in Prometheus's `increase()`, a
 * value lower than the last one means the counter restarted, so the new value is all increase.
 *
 * A series seen for the first time: in the first batch of a source, it only sets the baseline (what
 * it counted before xops saw it belongs to no bucket xops knows). In a later batch of a source
 * already seen, it was created since that batch (prom-client and most clients create a labelled
 * series at its first increment), so its whole value is increase. A series or a source unseen for
 * `staleAfterMs` starts afresh: a target that was away cannot say when its counts happened.
 * Samples not newer than the last one of their series are duplicates and give nothing.
 */
export class CounterDeltas {
  // By source, then by series: a series key that a path interned is looked up as it is, not
  // joined with its source into a new string to hash on every sample.
  readonly #series = new Map<string, Map<string, { ts: number; value: number }>>();
  readonly #sources = new Map<string, number>();

  constructor(private readonly staleAfterMs = COUNTER_STALE_AFTER_MS) {}

  /** True when a batch of `source` at `ts` follows one xops has seen recently enough (call before its samples). */
  knows(source: string, ts: number): boolean {
    const last = this.#sources.get(source);
    return last !== undefined && last < ts && ts - last <= this.staleAfterMs;
  }

  /** Records a batch of `source` at `ts` (call after its samples). */
  saw(source: string, ts: number): void {
    this.#sources.set(source, Math.max(ts, this.#sources.get(source) ?? -Infinity));
  }

  /** The increase of `series` of `source` since its last sample, or undefined when there is none to give. */
  delta(source: string, series: string, ts: number, value: number, knownSource: boolean): number | undefined {
    let ofSource = this.#series.get(source);
    if (ofSource === undefined) this.#series.set(source, ofSource = new Map());
    const last = ofSource.get(series);
    if (last === undefined) {
      ofSource.set(series, { ts, value });
      return knownSource ? value : undefined;
    }
    if (ts <= last.ts) return undefined;
    const { ts: lastTs, value: lastValue } = last;
    last.ts = ts;
    last.value = value;
    if (ts - lastTs > this.staleAfterMs) return undefined;
    return value >= lastValue ? value - lastValue : value;
  }

  /** Forgets series and sources unseen since `now - staleAfterMs`, so that what went away holds no memory. */
  sweep(now: number): void {
    for (const [source, ofSource] of this.#series) {
      for (const [series, last] of ofSource) if (now - last.ts > this.staleAfterMs) ofSource.delete(series);
      if (ofSource.size === 0) this.#series.delete(source);
    }
    for (const [source, last] of this.#sources) if (now - last > this.staleAfterMs) this.#sources.delete(source);
  }
}
