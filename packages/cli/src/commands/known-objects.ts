import type { ApiClient } from '@xops/contracts';

/** Kinds that other documents refer to by name (SLO.service, indicatorRef, targetRef, Schedule.team, …). */
const REFERENCED_PLURALS = [
  'services', 'slis', 'datasources', 'alertpolicies', 'alertconditions', 'alertnotificationtargets', 'teams', 'schedules', 'escalationpolicies',
];

/**
 * What already exists on the server, so that files may refer to objects applied earlier and
 * the local check still gives every error with its line before anything is sent.
 */
export async function fetchKnownObjects(client: ApiClient): Promise<(kind: string, name: string) => boolean> {
  const lists = await Promise.all(REFERENCED_PLURALS.map((plural) => client.listObjects(plural)));
  const known = new Set(lists.flat().map((stored) => `${stored.kind}/${stored.name}`));
  return (kind, name) => known.has(`${kind}/${name}`);
}
