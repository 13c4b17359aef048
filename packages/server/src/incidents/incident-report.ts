import { escalationPolicySpecSchema, isoInstant, validateConfigDocument, type IncidentReportBody } from '@xops/contracts';
import { INCIDENT_SEVERITIES, INCIDENT_STATES, responseTimes, type TimedIncident } from '@xops/core';
import type { IncidentRecord, XopsStore } from '@xops/store';
import { toActionItemBody, utcDay } from './incident-bodies';

/**
 * The incident report over incidents opened in `[from, to)` (epoch ms): counts, MTTA and MTTR
 * (`responseTimes`: each from the incident's opening, means over those that got there) overall,
 * per service and per team, plus every open action item due before today (UTC, from `now`),
 * whenever its incident was. An incident counts for the Team its escalation policy names, else
 * for the `team` label of each of its services; with neither, in the totals only.
 */
export async function buildIncidentReport(store: XopsStore, range: { from: number; to: number; now: number }): Promise<IncidentReportBody> {
  const [incidents, policies, services, overdue] = await Promise.all([
    store.listIncidentsOpenedBetween(range.from, range.to),
    store.listObjects('EscalationPolicy'),
    store.listObjects('Service'),
    store.listOverdueActionItems(utcDay(range.now)),
  ]);
  const policyTeam = new Map(policies.map((stored) => {
    const spec = escalationPolicySpecSchema.safeParse(stored.object.spec);
    return [stored.name, spec.success ? spec.data.team : undefined];
  }));
  const serviceTeams = new Map(services.map((stored) => {
    const document = validateConfigDocument(stored.object);
    return [stored.name, document.ok ? [document.value.metadata.labels?.team ?? []].flat() : []];
  }));
  const teamsOf = (incident: IncidentRecord): string[] => {
    const team = incident.escalationPolicy === null ? undefined : policyTeam.get(incident.escalationPolicy);
    return team !== undefined ? [team] : [...new Set(incident.services.flatMap((service) => serviceTeams.get(service) ?? []))];
  };

  const byService = groupBy(incidents, (incident) => incident.services);
  const byTeam = groupBy(incidents, teamsOf);
  const owners = new Map<string, IncidentRecord | undefined>();
  for (const item of overdue) if (!owners.has(item.incidentId)) owners.set(item.incidentId, await store.getIncident(item.incidentId));
  const today = utcDay(range.now);
  return {
    from: isoInstant(range.from),
    to: isoInstant(range.to),
    total: {
      ...times(incidents),
      bySeverity: Object.fromEntries(INCIDENT_SEVERITIES.map((severity) => [severity, incidents.filter((incident) => incident.severity === severity).length])),
      byState: Object.fromEntries(INCIDENT_STATES.map((state) => [state, incidents.filter((incident) => incident.state === state).length])),
    },
    services: [...byService].map(([service, group]) => ({ service, ...times(group) })),
    teams: [...byTeam].map(([team, group]) => ({ team, ...times(group) })),
    overdueActionItems: overdue.flatMap((item) => {
      const incident = owners.get(item.incidentId);
      return incident === undefined ? [] : [{ ...toActionItemBody(item, today), incident: { id: incident.id, number: incident.number, title: incident.title } }];
    }),
  };
}

function times(incidents: readonly TimedIncident[]) {
  const result = responseTimes(incidents);
  return {
    incidents: result.incidents, acknowledged: result.acknowledged, resolved: result.resolved,
    mttaSeconds: result.mttaMs === null ? null : result.mttaMs / 1000,
    mttrSeconds: result.mttrMs === null ? null : result.mttrMs / 1000,
  };
}

/** Groups by every key `keys` gives an item, ordered by key. */
function groupBy<T>(items: readonly T[], keys: (item: T) => readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) for (const key of new Set(keys(item))) groups.set(key, [...groups.get(key) ?? [], item]);
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}
