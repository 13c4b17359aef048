import type { ApiClient, IncidentViewBody, OnCallBody } from '@xops/contracts';
import { problemText } from '../common/problem-text';
import { objectDisplayName } from '../objects/object-fields';
import { buildSloRows, type SloRow, type StatusResult } from './slo-row';

/** Each panel's data, or why it could not be loaded: one failing endpoint does not blank the page. */
export type Part<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export interface OverviewData {
  readonly rows: readonly SloRow[];
  readonly services: readonly { readonly name: string; readonly displayName: string }[];
  readonly incidents: Part<readonly IncidentViewBody[]>;
  readonly onCall: Part<OnCallBody>;
}

/**
 * Everything the overview shows: the applied SLOs and Services, every SLO's status (one request,
 * `GET /api/v1/slo-statuses`: with 1,000 SLOs, one request per SLO took seconds), the open
 * incidents and who is on call now.
 */
export async function loadOverview(client: ApiClient): Promise<OverviewData> {
  const [slos, services, statusList, incidents, onCall] = await Promise.all([
    client.listObjects('slos'),
    client.listObjects('services'),
    part(client.listSloStatuses()),
    part(client.listIncidents({ state: 'open' })),
    part(client.whoIsOnCall()),
  ]);
  const statuses = new Map<string, StatusResult>();
  if (statusList.ok) {
    for (const status of statusList.value.statuses) statuses.set(status.slo, { ok: true, value: status });
    for (const { slo, message } of statusList.value.unavailable) statuses.set(slo, { ok: false, problem: message });
  } else {
    const problem = problemText(statusList.error);
    for (const slo of slos) statuses.set(slo.name, { ok: false, problem });
  }
  return {
    rows: buildSloRows(slos, services, statuses),
    services: services.map((service) => ({ name: service.name, displayName: objectDisplayName(service) })),
    incidents,
    onCall,
  };
}

async function part<T>(promise: Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await promise };
  } catch (error) {
    return { ok: false, error };
  }
}
