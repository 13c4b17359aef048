/**
 * One sample as every telemetry path delivers it (scrape, OTLP, remote write): Prometheus's data
 * model, whatever the wire format. Histograms arrive as their Prometheus series: `<name>_bucket`
 * with an `le` label, `<name>_count` and `<name>_sum`.
 */
export interface Sample {
  /** Metric name, e.g. `http_requests_total`. */
  readonly name: string;
  /** Every label but the name; no duplicate keys. */
  readonly labels: Readonly<Record<string, string>>;
  /** Epoch milliseconds. */
  readonly timestampMs: number;
  readonly value: number;
  /**
   * The series' identity, when the path that brought the sample has one cheaper than its name and
   * labels (remote write: the label bytes as sent). Equal for the samples of one series from one
   * source; absent, the sink derives it from the name and labels.
   */
  readonly series?: string;
}

/** How a batch of samples should be read: running totals (Prometheus counters), per-interval deltas (OTLP delta sums), or gauges. */
export type SampleKind = 'cumulative' | 'delta' | 'gauge';

export interface SampleBatch {
  readonly kind: SampleKind;
  readonly samples: readonly Sample[];
  /**
   * Who sent them, e.g. `scrape:http://10.0.0.5:9100/metrics`, `otlp`, `remote-write`: cumulative
   * counters are turned into deltas per source and series, so two sources never mix their totals.
   */
  readonly source: string;
}

/**
 * Where every telemetry path hands its samples. It turns counters into deltas (handling resets),
 * matches samples against the metric selectors of SLIs and services, and writes SLI buckets and
 * golden-signal series.
 */
export interface SampleSink {
  accept(batch: SampleBatch): Promise<{ readonly samples: number; readonly matched: number }>;
}
