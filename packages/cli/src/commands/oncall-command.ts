import type { FinalScheduleBody, OnCallBody } from '@xops/contracts';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import type { CliIo } from '../cli-io';
import { connect } from '../connection';
import { formatLocalTime } from '../output/local-time';
import { contactOf, personName } from '../output/person-text';
import { formatTable } from '../output/format-table';
import { parseOutputFormat, type OutputFormat } from '../output/output-format';

const TIME_HELP = 'RFC 3339 (2026-01-07T20:00:00Z), epoch ms, now, or now-<duration> (now-2h)';

export function registerOncallCommand(program: Command, io: CliIo): void {
  const oncall = program.command('oncall').description('who is on call: now, at any time, and over a range');
  oncall.command('who')
    .description('who is on call now (or at --at) for every schedule, or for one, and how to reach them')
    .option('--schedule <name>', 'only this schedule')
    .option('--at <time>', `the instant to ask about: ${TIME_HELP}`)
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .addHelpText('after', `
Times in the table are each schedule's local time with its UTC offset. A schedule with nobody
on call at that moment (a gap) shows "nobody": an alert then pages the next escalation level.

Examples:
  $ xops oncall who                                   who is on call right now
  $ xops oncall who --schedule payments-primary
  $ xops oncall who --at 2026-01-07T20:00:00Z         who will be (or was) on call then
  $ xops oncall who -o json                           with since/until in UTC, for scripts
`)
    .action(async (options: { schedule?: string; at?: string; output: string }, command: Command) => {
      const format = parseOutputFormat(options.output);
      const body = await connect(command.optsWithGlobals(), io).whoIsOnCall({ at: options.at, schedule: options.schedule });
      printOnCall(body, format, io);
    });
  oncall.command('schedule')
    .description('the final schedule of one schedule over a range: who is on call when, from which layer or override, and the gaps')
    .argument('<name>', 'the schedule, e.g. payments-primary')
    .option('--from <time>', `start: ${TIME_HELP}; now unless given`)
    .option('--to <time>', 'end, same forms; 7 days after --from unless given (at most 366 days)')
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .addHelpText('after', `
The final schedule is one person at a time: layers stacked (a later layer wins where it has
someone), overrides on top. GAP rows have nobody on call. To subscribe in a calendar, use the
iCalendar feed: GET /api/v1/schedules/<name>.ics (add ?user=<name> for one person's shifts).

Examples:
  $ xops oncall schedule payments-primary                          the week ahead
  $ xops oncall schedule payments-primary --from 2026-03-23T00:00:00Z --to 2026-03-31T00:00:00Z
  $ xops oncall schedule payments-primary --from now-7d -o yaml
`)
    .action(async (name: string, options: { from?: string; to?: string; output: string }, command: Command) => {
      const format = parseOutputFormat(options.output);
      const body = await connect(command.optsWithGlobals(), io).getFinalSchedule(name, { from: options.from, to: options.to });
      printFinalSchedule(body, format, io);
    });
}

function printOnCall(body: OnCallBody, format: OutputFormat, io: CliIo): void {
  if (format === 'json') return io.out(`${JSON.stringify(body, null, 2)}\n`);
  if (format === 'yaml') return io.out(stringify(body));
  if (body.schedules.length === 0) return io.err('No schedules: apply a Schedule (see examples/oncall/) to have someone on call.\n');
  const when = (iso: string | null, zone: string | null) => (iso === null || zone === null ? '-' : formatLocalTime(iso, zone));
  io.out(formatTable(['SCHEDULE', 'ON CALL', 'VIA', 'SINCE', 'UNTIL', 'CONTACT'], body.schedules.map((entry) => [
    entry.schedule,
    entry.onCall === null ? (entry.problem === null ? 'nobody (gap)' : '-') : personName(entry.onCall),
    entry.source === null ? '-' : entry.source.kind === 'override' ? 'override' : `layer ${entry.source.layer}`,
    when(entry.since, entry.timeZone),
    when(entry.until, entry.timeZone),
    entry.onCall === null ? '-' : contactOf(entry.onCall),
  ])));
  for (const entry of body.schedules) if (entry.problem !== null) io.err(`warning: schedule ${entry.schedule}: ${entry.problem}\n`);
}

function printFinalSchedule(body: FinalScheduleBody, format: OutputFormat, io: CliIo): void {
  if (format === 'json') return io.out(`${JSON.stringify(body, null, 2)}\n`);
  if (format === 'yaml') return io.out(stringify(body));
  const rows = [
    ...body.entries.map((entry) => ({
      from: entry.from, to: entry.to,
      who: entry.displayName === null ? entry.user : `${entry.user} (${entry.displayName})`,
      via: entry.source.kind === 'override' ? 'override' : `layer ${entry.source.layer}`,
    })),
    ...body.gaps.map((gap) => ({ ...gap, who: 'GAP: nobody', via: '-' })),
  ].sort((a, b) => Date.parse(a.from) - Date.parse(b.from));
  const zone = body.timeZone;
  io.out(`Schedule ${body.schedule} (team ${body.team}, ${zone}) from ${formatLocalTime(body.from, zone)} to ${formatLocalTime(body.to, zone)}\n`);
  io.out(formatTable(['FROM', 'TO', 'ON CALL', 'VIA'], rows.map((row) => [formatLocalTime(row.from, zone), formatLocalTime(row.to, zone), row.who, row.via])));
  io.out(`Coverage: ${formatCoverage(body.coverage)}${body.gaps.length === 0 ? '' : `, ${body.gaps.length} gap(s) with nobody on call`}\n`);
}

function formatCoverage(share: number): string {
  const percent = share * 100;
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}
