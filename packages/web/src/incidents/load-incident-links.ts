import type { ApiClient, IncidentDetailsBody, IncomingAlertBody, StoredObject } from '@xops/contracts';
import { part, type Part } from '../data/part';
import { sloServiceName } from '../objects/object-fields';

/** The most recent incoming alerts searched for an incident's own (the API's largest page). */
const ALERT_LIMIT = 1000;

export interface IncidentLinks {
  /** The incoming alerts that opened or joined the incident, newest first. */
  readonly alerts: Part<readonly IncomingAlertBody[]>;
  /** The SLOs of the incident's services. */
  readonly slos: Part<readonly StoredObject[]>;
}

/** What an incident links to: its alerts, and the SLOs of the services it affects. */
export async function loadIncidentLinks(client: ApiClient, incident: Pick<IncidentDetailsBody, 'id' | 'services'>): Promise<IncidentLinks> {
  const [alerts, slos] = await Promise.all([
    part(client.listIncomingAlerts({ limit: ALERT_LIMIT }).then((all) => all.filter((alert) => alert.incident?.id === incident.id))),
    part(incident.services.length === 0 ? Promise.resolve([])
      : client.listObjects('slos').then((all) => all.filter((slo) => incident.services.includes(sloServiceName(slo) ?? '')))),
  ]);
  return { alerts, slos };
}
