import type { ApiClient, IncidentReportBody, IncidentViewBody } from '@xops/contracts';
import { part, type Part } from '../data/part';

export interface IncidentsData {
  readonly incidents: readonly IncidentViewBody[];
  /** MTTA, MTTR and counts over the last 30 days (the report's default). */
  readonly report: Part<IncidentReportBody>;
}

/** The most incidents the list loads (the API's largest page), newest first. */
const INCIDENT_LIMIT = 500;

/** The incidents, newest first, and the last 30 days' response times. */
export async function loadIncidents(client: ApiClient): Promise<IncidentsData> {
  const [incidents, report] = await Promise.all([client.listIncidents({ limit: INCIDENT_LIMIT }), part(client.getIncidentReport())]);
  return { incidents, report };
}
