import type { PostmortemBody, SloImpactBody } from '@xops/contracts';
import { humanDuration } from './human-duration';

const ROLES = [['commander', 'Commander'], ['scribe', 'Scribe'], ['communications', 'Communications']] as const;

/**
 * A postmortem as Markdown (`xops postmortem export`): the facts, summary, budget impact,
 * timeline, contributing factors and action items, in that order. Tables escape `|` and fold
 * line breaks, so any text the team wrote keeps the document well-formed.
 */
export function postmortemMarkdown(postmortem: PostmortemBody): string {
  const { incident } = postmortem;
  const opened = Date.parse(incident.createdAt);
  const when = (label: string, at: string | null) => (at === null ? [] : [`- ${label}: ${utc(at)} UTC (after ${humanDuration(Date.parse(at) - opened)})`]);
  const open = postmortem.actionItems.filter((item) => item.status === 'open').length;
  const lines = [
    `# Postmortem #${incident.number}: ${incident.title}`,
    '',
    `Status: ${postmortem.status}. Complete: ${postmortem.complete ? 'yes' : `no (${open} open action ${open === 1 ? 'item' : 'items'})`}.`,
    '',
    `- Severity: ${incident.severity}`,
    `- Services: ${incident.services.length === 0 ? 'none named' : incident.services.join(', ')}`,
    `- Opened: ${utc(incident.createdAt)} UTC`,
    ...when('Acknowledged', incident.acknowledgedAt),
    ...when('Mitigated', incident.mitigatedAt),
    ...when('Resolved', incident.resolvedAt),
    ...ROLES.flatMap(([role, label]) => (incident.roles[role] === undefined ? [] : [`- ${label}: ${incident.roles[role]}`])),
    '',
    '## Summary',
    '',
    postmortem.summary.trim() === '' ? '_Not written yet._' : postmortem.summary.trim(),
    '',
    '## Impact',
    '',
    ...impactLines(postmortem.impact),
    '',
    '## Timeline',
    '',
    '| Time (UTC) | Who | What |',
    '|---|---|---|',
    ...postmortem.timeline.map((event) => row([utc(event.at), event.actor, event.public ? `${event.text} (public)` : event.text])),
    '',
    '## Contributing factors',
    '',
    '_Blameless: these questions are about the system, not about people._',
    ...postmortem.contributingFactors.flatMap((factor) => ['', `### ${oneLine(factor.question)}`, '', factor.answer.trim() === '' ? '_Not answered yet._' : factor.answer.trim()]),
    '',
    '## Action items',
    '',
    ...(postmortem.actionItems.length === 0 ? ['None yet.'] : [
      '| ID | Action | Owner | Due | Status |',
      '|---|---|---|---|---|',
      ...postmortem.actionItems.map((item) => row([item.id, item.title, item.owner, item.due, item.overdue ? 'open, overdue' : item.status])),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

function impactLines(impact: readonly SloImpactBody[]): string[] {
  if (impact.length === 0) return ['No SLO covers the affected services.'];
  return [
    '| SLO | Objective | Target | Bad during the incident | Budget of the window | Budget consumed |',
    '|---|---|---|---|---|---|',
    ...impact.map((entry) => (entry.problem === null
      ? row([
        entry.slo, entry.objective, `${round(entry.target * 100, 4)}%`, `${entry.bad} of ${entry.total} ${entry.unit}`, `${entry.budget} ${entry.unit}`,
        entry.budgetConsumedPercent === null ? 'n/a (no events in the window)' : `${entry.budgetConsumedPercent}%`,
      ])
      : row([entry.slo, '-', '-', '-', '-', `unknown: ${entry.problem}`]))),
  ];
}

/** `2026-03-10T12:00:00.000Z` → `2026-03-10 12:00:00`. */
function utc(iso: string): string {
  return iso.slice(0, 19).replace('T', ' ');
}

function row(cells: readonly string[]): string {
  return `| ${cells.map((cell) => oneLine(cell).replaceAll('|', '\\|')).join(' | ')} |`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
