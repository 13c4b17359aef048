import type { ApiClient, IncidentViewBody, OnCallBody, StoredObject } from '@xops/contracts';
import { problemText } from '../common/problem-text';
import { mapLimit } from '../data/map-limit';
import { objectDisplayName } from '../objects/object-fields';
import { buildSloRows, type SloRow, type StatusResult } from './slo-row';

/** Status calls in flight at once: enough to fill a browser's connections, few enough not to flood the server. */
const STATUS_CONCURRENCY = 6;

/** Each panel's data, or why it could not be loaded: one failing endpoint does not blank the page. */
export type Part<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

export interface OverviewData {
  readonly rows: readonly SloRow[];
  readonly services: readonly { readonly name: string; readonly displayName: string }[];
  readonly incidents: Part<readonly IncidentViewBody[]>;
  readonly onCall: Part<OnCallBody>;
}

/**
 * Everything the overview shows: the applied SLOs and Services, each SLO's status (a few calls
 * at a time), the open incidents and who is on call now.
 */
export async function loadOverview(client: ApiClient): Promise<OverviewData> {
  const [slos, services, incidents, onCall] = await Promise.all([
    client.listObjects('slos'),
    client.listObjects('services'),
    part(client.listIncidents({ state: 'open' })),
    part(client.whoIsOnCall()),
  ]);
  const statuses = await mapLimit(slos, STATUS_CONCURRENCY, async (slo: StoredObject): Promise<[string, StatusResult]> => {
    try {
      return [slo.name, { ok: true, value: await client.getSloStatus(slo.name) }];
    } catch (error) {
      return [slo.name, { ok: false, problem: problemText(error) }];
    }
  });
  return {
    rows: buildSloRows(slos, services, new Map(statuses)),
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
