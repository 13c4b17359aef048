/** An incident as the response-time report reads it; times are epoch ms. */
export interface TimedIncident {
  readonly createdAt: number;
  readonly acknowledgedAt: number | null;
  readonly resolvedAt: number | null;
}

export interface ResponseTimes {
  readonly incidents: number;
  /** How many were acknowledged / resolved: the means are over these. */
  readonly acknowledged: number;
  readonly resolved: number;
  /** Mean time to acknowledge, ms; null when none was acknowledged. */
  readonly mttaMs: number | null;
  /** Mean time to resolve, from opening, ms; null when none was resolved. */
  readonly mttrMs: number | null;
}

/**
 * Mean time to acknowledge and to resolve of `incidents`, each measured from the incident's
 * opening. Incidents still waiting count in `incidents` but not in the means: an open incident
 * has no resolve time yet, and guessing one would make the mean lie either way.
 *
 * @example responseTimes([{ createdAt: 0, acknowledgedAt: 60_000, resolvedAt: 600_000 }]) // mtta 60 s, mttr 600 s
 */
export function responseTimes(incidents: readonly TimedIncident[]): ResponseTimes {
  let acknowledged = 0;
  let resolved = 0;
  let ackSum = 0;
  let resolveSum = 0;
  for (const incident of incidents) {
    if (incident.acknowledgedAt !== null) {
      acknowledged += 1;
      ackSum += incident.acknowledgedAt - incident.createdAt;
    }
    if (incident.resolvedAt !== null) {
      resolved += 1;
      resolveSum += incident.resolvedAt - incident.createdAt;
    }
  }
  return {
    incidents: incidents.length,
    acknowledged,
    resolved,
    mttaMs: acknowledged === 0 ? null : ackSum / acknowledged,
    mttrMs: resolved === 0 ? null : resolveSum / resolved,
  };
}
