import type { Command } from 'commander';
import { stringify } from 'yaml';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { formatConfigProblem } from '../config/format-config-problem';
import { loadConfigFiles } from '../config/load-config-files';
import { connect } from '../connection';
import { parseOutputFormat } from '../output/output-format';
import { formatReplay } from '../output/replay-table';
import { fetchKnownObjects } from './known-objects';

interface ReplayOptions {
  readonly slo: string;
  readonly from: string;
  readonly to: string;
  readonly step?: string;
  readonly filename?: string[];
  readonly output: string;
}

export function registerReplayCommand(program: Command, io: CliIo): void {
  program.command('replay')
    .description('run the SLO engine over stored history: budgets, burn rates and every alert it would have fired')
    .requiredOption('--slo <name>', 'the SLO to replay')
    .requiredOption('--from <time>', 'start: RFC 3339, epoch ms, or relative such as now-30d')
    .option('--to <time>', 'end, same forms as --from', 'now')
    .option('--step <duration>', 'a point every 10s, 5m, 1h, … (the engine always steps every 10 s)')
    .option('-f, --filename <paths...>', 'replay a changed SLO from this file instead of the applied one, before applying it')
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .addHelpText('after', `
Examples:
  $ xops replay --slo checkout-availability --from now-30d --step 6h
  $ xops replay --slo checkout-availability --from 2026-10-01T00:00:00Z --to 2026-11-01T00:00:00Z -o json
  $ xops replay --slo checkout-availability --from now-7d -f checkout-stricter.yaml   # try before applying
`)
    .action(async (options: ReplayOptions, command: Command) => {
      const format = parseOutputFormat(options.output);
      const client = connect(command.optsWithGlobals(), io);
      const document = options.filename ? await documentFromFiles(options.filename, options.slo, io, client) : undefined;
      const result = await client.replay({ slo: options.slo, from: options.from, to: options.to, step: options.step, document });
      if (format === 'json') io.out(`${JSON.stringify(result, null, 2)}\n`);
      else if (format === 'yaml') io.out(stringify(result));
      else io.out(formatReplay(result));
    });
}

async function documentFromFiles(paths: string[], slo: string, io: CliIo, client: Parameters<typeof fetchKnownObjects>[0]): Promise<unknown> {
  const loaded = await loadConfigFiles(paths, { cwd: io.cwd, known: await fetchKnownObjects(client) });
  if (!loaded.ok) {
    for (const problem of loaded.problems) io.err(`${formatConfigProblem(problem)}\n`);
    throw new UsageError(`${loaded.problems.length} problem(s) in the files; nothing was replayed`);
  }
  const found = loaded.documents.find(({ object }) => object.kind === 'SLO' && object.metadata.name === slo);
  if (!found) throw new UsageError(`no SLO named "${slo}" in ${paths.join(', ')}`);
  return found.object;
}
