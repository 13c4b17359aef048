/**
 * Names of SLI bucket series (DESIGN.md §4): what ingest writes under and what the engine reads.
 * Object names hold only letters, digits and '-', so the '/' of threshold keys keeps the two
 * families apart and an objective name (free text) cannot run into the SLO name.
 */

/**
 * The series of a ratio SLI: its name, e.g. `seriesKeyForSli('checkout-availability')` →
 * `checkout-availability`. Every SLO that uses the SLI reads the same series.
 */
export function seriesKeyForSli(sli: string): string {
  return sli;
}

/**
 * The series of one objective of an SLO whose SLI is a thresholdMetric. Ingest turns each value into
 * good/total against that objective's `op` and `value`, so each objective has a series of its own:
 * `seriesKeyForThreshold('api-latency', 'Fast')` → `slo/api-latency/Fast`.
 */
export function seriesKeyForThreshold(slo: string, objective: string): string {
  return `slo/${slo}/${objective}`;
}
