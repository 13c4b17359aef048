import type { AlertTransitionBody, ApiClient, IncidentViewBody, SloSeriesBody } from '@xops/contracts';
import type { SeriesRange } from './time-range';

/** What the SLO detail draws over a range: the series, the alert transitions and the incidents. */
export interface SloHistory {
  readonly from: number;
  readonly to: number;
  readonly series: SloSeriesBody;
  readonly transitions: readonly AlertTransitionBody[];
  readonly incidents: readonly IncidentViewBody[];
  /** Why incidents could not be read, when they could not; the charts are drawn without them. */
  readonly incidentsProblem: unknown;
}

/** The most transitions asked for: more would crowd the charts anyway. */
const TRANSITION_LIMIT = 1000;
/** The most incidents the API lists at once, newest first. */
const INCIDENT_LIMIT = 500;

/** Loads the series of `slo` over `range` at its step, with the alert transitions and incidents of that range. */
export async function loadSloHistory(client: ApiClient, slo: string, { from, to, step }: SeriesRange): Promise<SloHistory> {
  const range = { from: String(from), to: String(to) };
  const [series, transitions, incidents] = await Promise.all([
    client.getSloSeries(slo, { ...range, step }),
    client.listAlertTransitions({ slo, ...range, limit: TRANSITION_LIMIT }),
    client.listIncidents({ limit: INCIDENT_LIMIT }).then((value) => ({ value, problem: undefined }), (problem: unknown) => ({ value: [], problem })),
  ]);
  // Read by `npm run bench -- web` (chart_draw_ms): the data has arrived, parsed and checked.
  performance.clearMarks('slo-history-loaded');
  performance.mark('slo-history-loaded', { detail: { points: series.at.length } });
  return { from, to, series, transitions, incidents: incidents.value, incidentsProblem: incidents.problem };
}
