import type { IncidentRecord, XopsStore } from '@xops/store';
import { z } from 'zod';
import { XopsError } from '../http/xops-error';

/** `{ref}` of the incident routes: the incident's id, or its number (`42` or `#42`). */
export const incidentRefParamsSchema = z.object({
  ref: z.string().min(1).max(100).describe('the incident\'s id, or its number: 42 or #42'),
});

/** The incident `ref` names; 404 when there is none. */
export async function findIncident(store: XopsStore, ref: string): Promise<IncidentRecord> {
  const incident = await store.getIncident(ref);
  if (incident === undefined) throw new XopsError('XOPS_ERR_NOT_FOUND', `Incident ${ref} does not exist.`, { kind: 'Incident', ref });
  return incident;
}

/** Writes the audit entry of a change to an incident (DESIGN.md §7); the timeline says the rest. */
export function auditIncident(store: XopsStore, entry: { actor: string; action: string; incident: IncidentRecord; details?: unknown }): Promise<void> {
  return store.appendAudit({ actor: entry.actor, action: entry.action, kind: 'Incident', name: `#${entry.incident.number}`, details: entry.details });
}
