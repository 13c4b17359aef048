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
  readonly #series = new Map<string, { ts: number; value: number }>();
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

  /** The increase of series `key` (source and series) since its last sample, or undefined when there is none to give. */
  delta(key: string, ts: number, value: number, knownSource: boolean): number | undefined {
    const last = this.#series.get(key);
    if (last !== undefined && ts <= last.ts) return undefined;
    this.#series.set(key, { ts, value });
    if (last === undefined || ts - last.ts > this.staleAfterMs) return last === undefined && knownSource ? value : undefined;
    return value >= last.value ? value - last.value : value;
  }

  /** Forgets series and sources unseen since `now - staleAfterMs`, so that what went away holds no memory. */
  sweep(now: number): void {
    for (const [key, last] of this.#series) if (now - last.ts > this.staleAfterMs) this.#series.delete(key);
    for (const [source, last] of this.#sources) if (now - last > this.staleAfterMs) this.#sources.delete(source);
  }
}
