import type { IncidentReportBody } from '@xops/contracts';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { connect } from '../connection';
import { formatTable } from '../output/format-table';
import { durationText, utcTime } from '../output/incident-text';
import { parseOutputFormat } from '../output/output-format';

export function registerReportCommand(program: Command, io: CliIo): void {
  program.command('report')
    .description('reports: `incidents` gives MTTA and MTTR per service and team, and the overdue action items')
    .argument('<what>', 'incidents')
    .option('--from <time>', 'incidents opened from: RFC 3339, epoch ms, or now-30d (default: 30 days before --to)')
    .option('--to <time>', 'until (default: now)')
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .addHelpText('after', `
MTTA (mean time to acknowledge) and MTTR (mean time to resolve) are measured from each
incident's opening, averaged over the incidents that got that far. An incident counts for the
Team of its escalation policy, else for the \`team\` label of its services.

Examples:
  $ xops report incidents                       the last 30 days
  $ xops report incidents --from now-90d -o json
`)
    .action(async (what: string, options: { from?: string; to?: string; output: string }, command: Command) => {
      if (what !== 'incidents') throw new UsageError(`unknown report "${what}": the one report is \`incidents\``);
      const format = parseOutputFormat(options.output);
      const report = await connect(command.optsWithGlobals(), io).getIncidentReport({ from: options.from, to: options.to });
      if (format === 'json') return io.out(`${JSON.stringify(report, null, 2)}\n`);
      if (format === 'yaml') return io.out(stringify(report));
      io.out(formatIncidentReport(report));
    });
}

function formatIncidentReport(report: IncidentReportBody): string {
  const headers = ['INCIDENTS', 'ACKNOWLEDGED', 'RESOLVED', 'MTTA', 'MTTR'];
  const cells = (row: Pick<IncidentReportBody['total'], 'incidents' | 'acknowledged' | 'resolved' | 'mttaSeconds' | 'mttrSeconds'>) =>
    [String(row.incidents), String(row.acknowledged), String(row.resolved), durationText(row.mttaSeconds), durationText(row.mttrSeconds)];
  const severities = Object.entries(report.total.bySeverity).map(([severity, count]) => `${severity} ${count}`).join(', ');
  const sections = [
    `Incidents opened ${utcTime(report.from)} to ${utcTime(report.to)} (${severities})\n${formatTable(headers, [cells(report.total)])}`,
    `By service:\n${report.services.length === 0 ? '  none\n' : formatTable(['SERVICE', ...headers], report.services.map((row) => [row.service, ...cells(row)]))}`,
    `By team:\n${report.teams.length === 0 ? '  none\n' : formatTable(['TEAM', ...headers], report.teams.map((row) => [row.team, ...cells(row)]))}`,
    `Overdue action items:\n${report.overdueActionItems.length === 0 ? '  none\n'
      : formatTable(['ID', 'INCIDENT', 'DUE', 'OWNER', 'ACTION'], report.overdueActionItems.map((item) => [item.id, `#${item.incident.number}`, item.due, item.owner, item.title]))}`,
  ];
  return sections.join('\n');
}
