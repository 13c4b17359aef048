import { parsePrometheusDuration, type SilenceBody } from '@xops/contracts';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { connect } from '../connection';
import { parseOutputFormat } from '../output/output-format';

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** `xops silence create|expire`: mute alerts by matchers for a while, or until one alert resolves. */
export function registerSilenceCommand(program: Command, io: CliIo): void {
  const silence = program.command('silence').description('silence alerts by label matchers: create one, or expire it early (list them: xops get silences)');
  silence.addHelpText('after', `
A silence mutes the alerts its matchers match: nobody is paged and no channel hears of them, but
an alert already told as firing is still told when it resolves.

Examples:
  $ xops silence create --matcher 'service="cart"' --for 2h --comment "deploying cart v42"
  $ xops silence create --matcher 'alertname="DiskFull"' --until-resolved 5b221786539386d3 --comment "replacing the disk"
  $ xops get silences
  $ xops silence expire 0c5f…
`);

  silence.command('create')
    .description('create a silence; it needs an end: --for, --until, or --until-resolved')
    .requiredOption('--matcher <matcher>', 'an Alertmanager matcher, e.g. service="cart" or severity=~"page|critical"; repeat for several (all must match)', collect)
    .option('--for <duration>', 'how long from now (or from --start), e.g. 2h or 30m')
    .option('--until <time>', 'when it ends: RFC 3339, e.g. 2026-03-04T18:00:00Z')
    .option('--start <time>', 'when it starts (default now)')
    .option('--until-resolved <fingerprint>', 'end when this firing alert resolves (its fingerprint: xops get alerts --incoming)')
    .requiredOption('--comment <text>', 'why, for whoever finds it later')
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .action(async (options: { matcher: string[]; for?: string; until?: string; start?: string; untilResolved?: string; comment: string; output: string }, command: Command) => {
      const format = parseOutputFormat(options.output);
      if (options.for !== undefined && options.until !== undefined) throw new UsageError('give --for or --until, not both');
      if (options.for === undefined && options.until === undefined && options.untilResolved === undefined) {
        throw new UsageError('a silence needs an end: --for 2h, --until 2026-03-04T18:00:00Z, or --until-resolved FINGERPRINT');
      }
      if (options.for !== undefined && (parsePrometheusDuration(options.for) ?? 0) <= 0) throw new UsageError(`--for ${options.for}: give a duration such as 2h or 30m`);
      const created = await connect(command.optsWithGlobals(), io).createSilence({
        matchers: options.matcher,
        comment: options.comment,
        ...(options.for === undefined ? {} : { duration: options.for }),
        ...(options.until === undefined ? {} : { endsAt: options.until }),
        ...(options.start === undefined ? {} : { startsAt: options.start }),
        ...(options.untilResolved === undefined ? {} : { untilResolved: options.untilResolved }),
      });
      if (format !== 'table') return io.out(format === 'json' ? `${JSON.stringify(created, null, 2)}\n` : stringify(created));
      io.out(`Silence ${created.id} created: ${created.matchers.join(', ')} until ${endText(created)}.\n`);
    });

  silence.command('expire')
    .description('expire a silence now: the alerts it muted are told at their group\'s next look')
    .argument('<id>', 'the silence\'s id (xops get silences)')
    .action(async (id: string, _options: unknown, command: Command) => {
      const expired = await connect(command.optsWithGlobals(), io).expireSilence(id);
      io.out(`Silence ${expired.id} expired.\n`);
    });
}

/** When a silence ends: `2026-03-04T18:00:00.000Z`, `alert 5b22… resolves`, or both joined by `or`. */
export function endText(silence: SilenceBody): string {
  const parts = [
    ...(silence.endsAt === null ? [] : [silence.endsAt]),
    ...(silence.untilResolved === null ? [] : [`alert ${silence.untilResolved.fingerprint} resolves`]),
  ];
  return parts.join(' or ');
}
