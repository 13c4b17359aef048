import { fineBucketStart, matchesSelector } from '@xops/contracts';
import { FINE_BUCKET_MS } from '@xops/core';
import type { SignalBucket } from '@xops/store';
import type { Sample } from '../sample';
import type { SignalRule } from './signal-rules';

/**
 * The golden-signal side of the sample sink: samples matched by a Service's `xops.dev/*`
 * selectors are added to that service's 10-second buckets and held until `holdMs` after the
 * bucket's end, then handed out once for writing (`takeDue`). Requests and errors add the
 * counter's increase, latency the increase of each `_bucket` series under its `le`, saturation
 * the gauge's reading (and one to `samples`, for the mean).
 */
export class SignalAggregator {
  #byName = new Map<string, SignalRule[]>();
  readonly #held = new Map<string, { bucket: Omit<SignalBucket, 'value' | 'samples'>; value: number; samples: number }>();

  /** Replaces the rules; what is held stays and is written. */
  setRules(rules: readonly SignalRule[]): void {
    const byName = new Map<string, SignalRule[]>();
    for (const rule of rules) byName.set(rule.selector.name, [...byName.get(rule.selector.name) ?? [], rule]);
    this.#byName = byName;
  }

  /**
   * Feeds one sample; `increase` is its counter increase when it has one (undefined for a first
   * reading or a gauge). Returns whether some service's signal matched it.
   */
  observe(sample: Sample, increase: number | undefined): boolean {
    const rules = this.#byName.get(sample.name);
    if (rules === undefined) return false;
    let matched = false;
    for (const rule of rules) {
      if (!matchesSelector(rule.selector, sample.name, sample.labels)) continue;
      matched = true;
      if (rule.signal === 'saturation') {
        this.#add({ service: rule.service, signal: 'saturation', le: '', start: fineBucketStart(sample.timestampMs) }, sample.value);
        continue;
      }
      if (increase === undefined) continue;
      let le = '';
      if (rule.signal === 'latency') {
        const bound = parseBound(sample.labels.le);
        if (bound === undefined) continue;
        le = bound === Infinity ? '+Inf' : String(bound);
      }
      this.#add({ service: rule.service, signal: rule.signal, le, start: fineBucketStart(sample.timestampMs) }, increase);
    }
    return matched;
  }

  /** Buckets whose end lies `holdMs` or more before `now`, removed from what is held. */
  takeDue(now: number, holdMs: number): SignalBucket[] {
    const due: SignalBucket[] = [];
    for (const [key, held] of this.#held) {
      if (held.bucket.start + FINE_BUCKET_MS + holdMs > now) continue;
      this.#held.delete(key);
      due.push({ ...held.bucket, value: held.value, samples: held.samples });
    }
    return due;
  }

  /** Holds buckets again after a failed write, so the next flush retries them. */
  restore(buckets: readonly SignalBucket[]): void {
    for (const { value, samples, ...bucket } of buckets) this.#add(bucket, value, samples);
  }

  #add(bucket: Omit<SignalBucket, 'value' | 'samples'>, value: number, samples = 1): void {
    const key = `${bucket.service}\u0000${bucket.signal}\u0000${bucket.le}\u0000${bucket.start}`;
    const held = this.#held.get(key);
    if (held === undefined) this.#held.set(key, { bucket, value, samples });
    else {
      held.value += value;
      held.samples += samples;
    }
  }
}

/** An `le` label as Go's `strconv.ParseFloat` reads it (Prometheus writes `+Inf`, which `Number` refuses). */
function parseBound(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const infinity = /^([+-]?)(inf|infinity)$/i.exec(text.trim());
  const bound = infinity === null ? Number(text) : infinity[1] === '-' ? -Infinity : Infinity;
  return Number.isNaN(bound) ? undefined : bound;
}
