import type { Sample, SampleKind } from '../sample';

/** The samples of one OTLP request, by how they are to be read, and the points left out. */
export interface OtlpSamples {
  readonly samples: Readonly<Record<SampleKind, readonly Sample[]>>;
  /** Data points that could not be turned into samples, for `partialSuccess.rejectedDataPoints`. */
  readonly rejected: number;
  /** Why, one line per distinct reason (at most a few). */
  readonly reasons: readonly string[];
}

const MAX_REASONS = 5;

/** Gathers the samples of one request by kind, and counts the data points rejected and why. */
export class SampleCollector {
  readonly samples: Record<SampleKind, Sample[]> = { cumulative: [], delta: [], gauge: [] };
  rejected = 0;
  readonly reasons = new Set<string>();

  push(kind: SampleKind, name: string, labels: Readonly<Record<string, string>>, timestampMs: number, value: number): void {
    this.samples[kind].push({ name, labels, timestampMs, value });
  }

  reject(points: number, reason: string): void {
    this.rejected += points;
    if (this.reasons.size < MAX_REASONS) this.reasons.add(reason);
  }

  result(): OtlpSamples {
    return { samples: this.samples, rejected: this.rejected, reasons: [...this.reasons] };
  }
}
