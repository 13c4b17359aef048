import { isoInstant, type PostmortemBody } from '@xops/contracts';
import type { IncidentRecord, PostmortemRecord, XopsStore } from '@xops/store';
import { toActionItemBody, toIncidentBody, toIncidentEventBody, utcDay } from '../incidents/incident-bodies';
import { draftPostmortemDocument } from './draft-postmortem';

/** A postmortem as the API shows it: the stored document with the incident's facts, its timeline as it is now, and its action items. */
export async function toPostmortemBody(store: XopsStore, incident: IncidentRecord, postmortem: PostmortemRecord, now: number): Promise<PostmortemBody> {
  const [timeline, items] = await Promise.all([store.listIncidentEvents(incident.id), store.listActionItems(incident.id)]);
  // A document this version cannot read is drafted afresh rather than lost from view.
  const document = postmortem.document ?? await draftPostmortemDocument(store, incident);
  const body = toIncidentBody(incident);
  const today = utcDay(now);
  return {
    ...document,
    incident: {
      id: body.id, number: body.number, title: body.title, severity: body.severity, services: body.services, roles: body.roles,
      createdAt: body.createdAt, acknowledgedAt: body.acknowledgedAt, mitigatedAt: body.mitigatedAt, resolvedAt: body.resolvedAt,
    },
    status: postmortem.status,
    complete: incident.state === 'resolved' && items.every((item) => item.status === 'done'),
    timeline: timeline.map(toIncidentEventBody),
    actionItems: items.map((item) => toActionItemBody(item, today)),
    createdAt: isoInstant(postmortem.createdAt),
    updatedAt: isoInstant(postmortem.updatedAt),
    updatedBy: postmortem.updatedBy,
  };
}
