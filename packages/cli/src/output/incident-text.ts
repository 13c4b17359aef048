import { formatDurationLabel, type IncidentDetailsBody, type IncidentViewBody } from '@xops/contracts';
import { formatTable } from './format-table';

/** `2026-03-04T10:00:00.000Z` → `2026-03-04 10:00:00Z`: UTC to the second, one column wide. */
export function utcTime(iso: string | null): string {
  return iso === null ? '-' : `${iso.slice(0, 19).replace('T', ' ')}Z`;
}

/** Seconds as `4m40s`; `-` for none. */
export function durationText(seconds: number | null): string {
  return seconds === null ? '-' : formatDurationLabel(Math.round(seconds) * 1000);
}

/** `xops get incidents`: one row per incident, newest first. */
export function formatIncidentTable(incidents: readonly IncidentViewBody[]): string {
  return formatTable(['#', 'STATE', 'SEVERITY', 'TITLE', 'SERVICES', 'COMMANDER', 'OPENED', 'COMPLETE'], incidents.map((incident) => [
    String(incident.number), incident.state, incident.severity, incident.title, incident.services.join(',') || '-',
    incident.roles.commander ?? '-', utcTime(incident.createdAt), incident.complete ? 'yes' : 'no',
  ]));
}

/** `xops describe incident`: the facts, then the timeline, oldest first. */
export function formatIncidentDetails(incident: IncidentDetailsBody): string {
  const since = (at: string | null) => (at === null ? '-' : `${utcTime(at)} (after ${formatDurationLabel(Date.parse(at) - Date.parse(incident.createdAt))})`);
  const { escalation, postmortem } = incident;
  const fields: [string, string][] = [
    ['Incident', `#${incident.number} ${incident.title}`],
    ['Id', incident.id],
    ['State', incident.state],
    ['Severity', incident.severity],
    ['Services', incident.services.join(', ') || '-'],
    ['Commander', incident.roles.commander ?? '-'],
    ['Scribe', incident.roles.scribe ?? '-'],
    ['Communications', incident.roles.communications ?? '-'],
    ['Opened', `${utcTime(incident.createdAt)}${incident.declaredBy === null ? '' : ` by ${incident.declaredBy}`}`],
    ['Acknowledged', since(incident.acknowledgedAt)],
    ['Mitigated', since(incident.mitigatedAt)],
    ['Resolved', since(incident.resolvedAt)],
    ['Escalation', escalation === null ? '-' : `${escalation.policy ?? '?'}: ${escalation.status}${escalation.status === 'active' && escalation.nextAt !== null
      ? `, level ${escalation.level}${escalation.round > 0 ? ` (repeat ${escalation.round})` : ''} due ${utcTime(escalation.nextAt)}` : ''}`],
    ['Postmortem', postmortem === null ? (incident.state === 'resolved' ? 'not drafted yet' : 'drafted when resolved') : postmortem.status],
    ['Complete', incident.complete ? 'yes' : `no${incident.openActionItems > 0 ? ` (${incident.openActionItems} open action ${incident.openActionItems === 1 ? 'item' : 'items'})` : ''}`],
  ];
  const width = Math.max(...fields.map(([label]) => label.length)) + 2;
  const header = fields.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`).join('\n');
  const timeline = formatTable(['TIME', 'WHO', 'KIND', 'WHAT'], incident.timeline.map((event) => [
    utcTime(event.at), event.actor, event.kind, event.public ? `${event.text} (public)` : event.text,
  ]));
  return `${header}\nTimeline:\n${timeline.trimEnd().replace(/^/gm, '  ')}\n`;
}
