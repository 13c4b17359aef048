import type { IncidentViewBody } from '@xops/contracts';

/** The incident list's filters; `''` lets everything through. `open` is every state but resolved. */
export interface IncidentFilter {
  readonly state: '' | 'open' | IncidentViewBody['state'];
  readonly severity: '' | IncidentViewBody['severity'];
  readonly service: string;
}

export const ALL_INCIDENTS: IncidentFilter = { state: '', severity: '', service: '' };

/** True when `incident` passes every filter that is set. */
export function incidentMatches(incident: IncidentViewBody, filter: IncidentFilter): boolean {
  if (filter.state === 'open' ? incident.state === 'resolved' : filter.state !== '' && incident.state !== filter.state) return false;
  if (filter.severity !== '' && incident.severity !== filter.severity) return false;
  return filter.service === '' || incident.services.includes(filter.service);
}

/** Every service some incident names, sorted, for the service filter. */
export function incidentServices(incidents: readonly IncidentViewBody[]): string[] {
  return [...new Set(incidents.flatMap((incident) => incident.services))].toSorted((a, b) => a.localeCompare(b));
}
