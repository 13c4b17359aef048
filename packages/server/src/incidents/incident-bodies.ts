import {
  isoInstant, type ActionItemBody, type IncidentBody, type IncidentDetailsBody, type IncidentEventBody, type IncidentViewBody,
} from '@xops/contracts';
import type { ActionItemRecord, EscalationRecord, IncidentEventRecord, IncidentRecord, PostmortemRecord } from '@xops/store';

/** An incident as `incidentSchema` shows it: times as ISO instants. */
export function toIncidentBody(incident: IncidentRecord): IncidentBody {
  return {
    id: incident.id, number: incident.number, title: incident.title, state: incident.state, severity: incident.severity,
    groupKey: incident.groupKey, services: [...incident.services], roles: { ...incident.roles },
    escalationPolicy: incident.escalationPolicy, declaredBy: incident.declaredBy,
    createdAt: isoInstant(incident.createdAt), acknowledgedAt: isoOrNull(incident.acknowledgedAt),
    mitigatedAt: isoOrNull(incident.mitigatedAt), resolvedAt: isoOrNull(incident.resolvedAt), updatedAt: isoInstant(incident.updatedAt),
  };
}

/** An incident with whether it is complete: resolved, with no open action item. */
export function toIncidentView(incident: IncidentRecord, openActionItems: number): IncidentViewBody {
  return { ...toIncidentBody(incident), complete: incident.state === 'resolved' && openActionItems === 0, openActionItems };
}

export function toIncidentDetails(parts: {
  incident: IncidentRecord;
  openActionItems: number;
  escalation: EscalationRecord | undefined;
  postmortem: PostmortemRecord | undefined;
  timeline: readonly IncidentEventRecord[];
}): IncidentDetailsBody {
  const { escalation, postmortem } = parts;
  return {
    ...toIncidentView(parts.incident, parts.openActionItems),
    escalation: escalation === undefined ? null : {
      policy: escalation.snapshot?.policy.name ?? null, team: escalation.snapshot?.team ?? null, status: escalation.status,
      level: escalation.level, round: escalation.round, nextAt: isoOrNull(escalation.nextAt), updatedAt: isoInstant(escalation.updatedAt),
    },
    postmortem: postmortem === undefined ? null : { status: postmortem.status, updatedAt: isoInstant(postmortem.updatedAt) },
    timeline: parts.timeline.map(toIncidentEventBody),
  };
}

export function toIncidentEventBody(event: IncidentEventRecord): IncidentEventBody {
  return {
    id: event.id, incidentId: event.incidentId, at: isoInstant(event.at), kind: event.kind, actor: event.actor, text: event.text,
    ...(event.details === undefined ? {} : { details: event.details }), public: event.public,
  };
}

/** `today` is the UTC calendar day `YYYY-MM-DD` an item is overdue after. */
export function toActionItemBody(item: ActionItemRecord, today: string): ActionItemBody {
  return {
    id: item.id, incidentId: item.incidentId, title: item.title, owner: item.owner, due: item.due, status: item.status,
    overdue: item.status === 'open' && item.due < today, createdAt: isoInstant(item.createdAt), updatedAt: isoInstant(item.updatedAt),
  };
}

/** The UTC calendar day of `now`, `YYYY-MM-DD`. */
export function utcDay(now: number): string {
  return isoInstant(now).slice(0, 10);
}

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : isoInstant(ms);
}
