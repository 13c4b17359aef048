import { formatPrometheusDuration, type RouteTestResultBody, type RouteTestRouteBody } from '@xops/contracts';
import { formatTable } from './format-table';
import { contactOf, personName } from './person-text';

type Escalation = NonNullable<RouteTestRouteBody['escalation']>;
type Suppression = RouteTestResultBody['suppression'];

/**
 * The report of `xops route test`: the alert, then each route that takes it with its group,
 * timers, target and outcome, the escalation levels and every page with who and when, then how
 * to reach the people paged and what the simulation leaves out. Plain text, for people and diffs.
 */
export function formatRouteTest(result: RouteTestResultBody): string {
  const lines = [
    `Alert ${formatLabels(result.labels)}`,
    ...fields([
      ['at', result.at],
      ['urgency', `${result.urgency} (${result.severity === null ? 'no severity label' : `severity "${result.severity}"`})${result.urgency === 'low' ? ': never pages' : ''}`],
      ['suppressed', suppressedText(result.suppression)],
    ]),
  ];
  if (result.routes.length === 0) lines.push('', 'No route takes this alert: it notifies no one. Add a Route (see examples/routing/), or a catch-all.');
  const at = Date.parse(result.at);
  result.routes.forEach((route, index) => lines.push('', ...routeLines(route, `Route ${index + 1} of ${result.routes.length}`, at)));

  const paged = new Map(result.routes.flatMap((route) => route.escalation?.pages ?? []).flatMap((page) => page.users).map((user) => [user.name, user]));
  if (paged.size > 0) {
    lines.push('', 'How they are reached:');
    lines.push(...indent(formatTable(['PERSON', 'NAME', 'CONTACT'], [...paged.values()].map((user) => [user.name, user.displayName ?? '-', contactOf(user)]))));
  }
  if (result.notes.length > 0) lines.push('', 'Not simulated:', ...result.notes.map((note) => `  - ${note}`));
  return `${lines.join('\n')}\n`;
}

function routeLines(route: RouteTestRouteBody, title: string, alertAt: number): string[] {
  const lines = [
    `${title}: ${route.routeKey}`,
    ...fields([
      ['tree', `Route ${route.tree}`],
      ['continue', route.continue ? 'yes: the next route is tried too' : 'no'],
      ['group', route.groupKey],
      ['grouped by', Object.keys(route.groupLabels).length === 0 ? '{} (one group for the whole route)' : formatLabels(route.groupLabels)],
      ['timers', `group_wait ${route.groupWait}, group_interval ${route.groupInterval}, repeat_interval ${route.repeatInterval}`],
      ['target', targetText(route.target)],
      ['outcome', `${route.outcome.toUpperCase()}: ${route.reason}`],
    ]),
  ];
  if (route.escalation !== null) lines.push(...escalationLines(route.escalation, alertAt));
  return lines;
}

function escalationLines(escalation: Escalation, alertAt: number): string[] {
  if (escalation.levels.length === 0) return ['', `  Escalation policy ${escalation.policy}: ${escalation.problem ?? 'has no levels'}`];
  const repeat = escalation.repeat === 0 ? 'once' : `then ${escalation.repeat} more time${escalation.repeat === 1 ? '' : 's'}`;
  const lines = [
    '',
    `  Escalation policy ${escalation.policy}, levels in order, ${repeat}:`,
    ...indent(formatTable(['LEVEL', 'MODE', 'ESCALATE AFTER', 'TARGETS'], escalation.levels.map((level) => [
      String(level.level), level.mode, level.escalateAfter,
      level.targets.map((target) => (target.kind === 'schedule' ? `schedule ${target.schedule}` : target.user)).join(', '),
    ])), 4),
  ];
  if (escalation.problem !== null) return [...lines, '', `  Nobody is paged: ${escalation.problem}`];
  const steps = [
    ...escalation.pages.map((page) => ({ ...page, who: page.users.map(pagedText).join('; ') })),
    ...escalation.unstaffed.map((step) => ({ ...step, who: 'nobody on call: passes to the next level at once' })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.round - b.round || a.level - b.level);
  if (steps.length === 0) return lines;
  lines.push('', '  Who is paged if nobody acknowledges (level 1 at the group\'s first notification):');
  lines.push(...indent(formatTable(['AT', 'AFTER', 'LEVEL', 'REPEAT', 'WHO'], steps.map((step) => [
    step.at, `+${formatPrometheusDuration(Date.parse(step.at) - alertAt)}`, String(step.level), step.round === 0 ? '-' : String(step.round), step.who,
  ])), 4));
  if (escalation.pages.length === 0) lines.push('', '  Nobody is on call at any level: nobody is paged.');
  return lines;
}

function pagedText(user: Escalation['pages'][number]['users'][number]): string {
  if (user.schedule === null) return personName(user);
  const via = user.source === null ? '' : user.source.kind === 'override' ? ' (override)' : ` (layer ${user.source.layer})`;
  return `${personName(user)}, on call in ${user.schedule}${via}`;
}

function suppressedText(suppression: Suppression): string {
  const causes = [
    ...suppression.silencedBy.map((id) => `silence ${id}`),
    ...suppression.inhibitedBy.map((inhibition) => `inhibited by rule ${inhibition.rule} while ${formatLabels(inhibition.source)} fires`),
    ...suppression.maintenanceBy.map((window) => `maintenance window ${window.name} (suppress: ${window.suppress}) until ${window.until}`),
  ].join('; ');
  if (suppression.mutes === 'none') return 'no';
  if (suppression.mutes === 'pages') return `pages held back, channels and tickets still hear: ${causes}`;
  return `yes, nobody hears: ${causes}`;
}

function targetText(target: RouteTestRouteBody['target']): string {
  if (target.kind === 'escalation-policy') return `escalation policy ${target.name}`;
  if (target.kind === 'channel') return `channel ${target.name}`;
  return `ticket in project ${target.project}`;
}

/** Labels as Prometheus prints them, names sorted: `{alertname="X", service="Y"}`. */
function formatLabels(labels: Readonly<Record<string, string>>): string {
  return `{${Object.keys(labels).sort().map((name) => `${name}=${JSON.stringify(labels[name] ?? '')}`).join(', ')}}`;
}

function fields(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `  ${name.padEnd(width)}   ${value}`);
}

function indent(table: string, by = 2): string[] {
  return table.trimEnd().split('\n').map((line) => `${' '.repeat(by)}${line}`);
}
