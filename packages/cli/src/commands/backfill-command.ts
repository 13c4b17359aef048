import { parseInstant } from '@xops/contracts';
import type { Command } from 'commander';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { connect } from '../connection';
import { createIngestProgress } from '../ingest/ingest-progress';

interface BackfillOptions {
  readonly slo: string;
  readonly from: string;
  readonly to: string;
}

/** One request fills a day: Prometheus answers it in one `query_range` per selector (8 640 steps, under its 11 000-point limit). */
const CHUNK_MS = 24 * 3600 * 1000;

export function registerBackfillCommand(program: Command, io: CliIo): void {
  program.command('backfill')
    .description('fill past SLI buckets of an SLO from its Prometheus (PromQL) data sources, so it has budget history and replay works')
    .requiredOption('--slo <name>', 'the SLO to fill')
    .requiredOption('--from <time>', 'start: RFC 3339, epoch ms, or relative such as now-30d')
    .option('--to <time>', 'end, same forms as --from', 'now')
    .addHelpText('after', `
Examples:
  $ xops backfill --slo checkout-availability --from now-28d
  $ xops backfill --slo checkout-latency --from 2026-10-01T00:00:00Z --to 2026-11-01T00:00:00Z
`)
    .action(async (options: BackfillOptions, command: Command) => {
      const now = Date.now();
      const from = parseInstant(options.from, now);
      const to = parseInstant(options.to, now);
      if (from === undefined) throw new UsageError(`--from ${options.from} is not a time: give RFC 3339, epoch ms, or now-30d`);
      if (to === undefined) throw new UsageError(`--to ${options.to} is not a time: give RFC 3339, epoch ms, or now-1h`);
      if (from >= to) throw new UsageError('--from must be before --to');
      const client = connect(command.optsWithGlobals(), io);
      const chunks = Math.ceil((to - from) / CHUNK_MS);
      const progress = createIngestProgress(io, chunks, 'days', 'filling');
      let buckets = 0;
      let series: readonly string[] = [];
      for (let start = from, done = 0; start < to; start += CHUNK_MS, done++) {
        try {
          const filled = await client.backfill(options.slo, { from: start, to: Math.min(to, start + CHUNK_MS) });
          buckets += filled.buckets;
          series = filled.series;
        } catch (error) {
          progress.finish(`stopped after ${done} of ${chunks} day(s); what was filled stays`);
          throw error;
        }
        progress.advance(1);
      }
      progress.finish(`filled ${chunks} day(s)`);
      io.out(`filled ${buckets} bucket(s) of ${series.join(', ')} from ${new Date(from).toISOString()} to ${new Date(to).toISOString()}\n`);
    });
}
