import type { ApiClient, IncidentViewBody, OnCallBody } from '@xops/contracts';
import { part, type Part } from '../data/part';
import { objectDisplayName } from '../objects/object-fields';
import { buildSloRows, type SloRow } from './slo-row';

export interface OverviewData {
  readonly rows: readonly SloRow[];
  readonly services: readonly { readonly name: string; readonly displayName: string }[];
  readonly incidents: Part<readonly IncidentViewBody[]>;
  readonly onCall: Part<OnCallBody>;
}

/**
 * Everything the overview shows, asked for all at once: every SLO in brief (`GET
 * /api/v1/slo-summaries`: with 1,000 SLOs, one status request per SLO took seconds, and every
 * full status in one answer most of a second), the Services, the open incidents and who is on
 * call now. The first page load asks for the same before the scripts run (`OVERVIEW_PATHS`).
 */
export async function loadOverview(client: ApiClient): Promise<OverviewData> {
  const [{ summaries }, services, incidents, onCall] = await Promise.all([
    client.listSloSummaries(),
    client.listObjects('services'),
    part(client.listIncidents({ state: 'open' })),
    part(client.whoIsOnCall()),
  ]);
  return {
    rows: buildSloRows(summaries, services),
    services: services.map((service) => ({ name: service.name, displayName: objectDisplayName(service) })),
    incidents,
    onCall,
  };
}
