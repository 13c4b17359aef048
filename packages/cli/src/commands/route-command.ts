import type { Command } from 'commander';
import { stringify } from 'yaml';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { connect } from '../connection';
import { parseOutputFormat } from '../output/output-format';
import { formatRouteTest } from '../output/route-test-report';
import { parseLabelList } from './label-list';

interface RouteTestOptions {
  readonly labels: readonly string[];
  readonly at?: string;
  readonly firing?: readonly string[];
  readonly incident?: string;
  readonly output: string;
}

const collect = (value: string, previous: readonly string[] | undefined): string[] => [...(previous ?? []), value];

export function registerRouteCommand(program: Command, io: CliIo): void {
  const route = program.command('route').description('alert routing: try where an alert would go');
  route.command('test')
    .description('simulate an alert: the routes that take it, its group, what would suppress it, and who is paged when')
    .requiredOption('-l, --labels <labels>', 'the alert\'s labels as name=value pairs separated by commas; repeat to add more', collect)
    .option('--at <time>', 'when the alert fires: RFC 3339 (2026-01-07T16:50:00Z), epoch ms, now or now-<duration>; now unless given')
    .option('--firing <labels>', 'another alert taken to be firing then, for inhibition rules; repeat for several', collect)
    .option('--incident <number>', 'the incident number that turns round-robin levels; 0 unless given')
    .option('-o, --output <format>', 'table (a report), json or yaml', 'table')
    .addHelpText('after', `
Nothing is sent and nothing is stored: the server answers from the applied Route,
MaintenanceWindow, EscalationPolicy, Schedule and Team objects, as the router would at --at.

The report says, for each route that takes the alert (several when a route says continue):
its group key and labels, group_wait/group_interval/repeat_interval, whether it pages, notifies
a channel or files a ticket, and why; then every page of the escalation policy if nobody
acknowledges, with who is on call at that moment. Severity sets urgency: ticket, warning, info,
low and none never page. A silence or inhibition mutes it; a maintenance window holds pages back.

Examples:
  $ xops route test --labels alertname=PaymentsDown,service=payments,severity=page
  $ xops route test -l service=payments,severity=page --at 2026-01-07T16:50:00Z
  $ xops route test -l service=checkout,region=eu,severity=page --firing alertname=PaymentProviderDown,region=eu
  $ xops route test -l 'alertname=Slow,summary="p99 above 2s, for 10m"' -o json
`)
    .action(async (options: RouteTestOptions, command: Command) => {
      const format = parseOutputFormat(options.output);
      const labels: Record<string, string> = {};
      for (const text of options.labels) Object.assign(labels, parseLabelList(text));
      const incidentNumber = options.incident === undefined ? undefined : Number(options.incident);
      if (incidentNumber !== undefined && !(Number.isSafeInteger(incidentNumber) && incidentNumber >= 0)) {
        throw new UsageError(`--incident: \`${options.incident}\` is not a whole number ≥ 0`);
      }
      const result = await connect(command.optsWithGlobals(), io).testRoute({
        labels,
        ...(options.at === undefined ? {} : { at: options.at }),
        ...(options.firing === undefined ? {} : { firing: options.firing.map((text) => ({ labels: parseLabelList(text) })) }),
        ...(incidentNumber === undefined ? {} : { incidentNumber }),
      });
      if (format === 'json') io.out(`${JSON.stringify(result, null, 2)}\n`);
      else if (format === 'yaml') io.out(stringify(result));
      else io.out(formatRouteTest(result));
    });
}
