import { ApiError, ingestModeSchema, INGEST_MODES } from '@xops/contracts';
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { formatFieldPath } from '../config/format-config-problem';
import { connect } from '../connection';
import { ingestChunks } from '../ingest/ingest-chunks';
import { createIngestProgress } from '../ingest/ingest-progress';
import { readEventsFile, type FileEventProblem } from '../ingest/read-events-file';

/** Lines per request: about 300 KB of NDJSON, far below the server's 32 MiB limit. */
export const LINES_PER_REQUEST = 5000;

export function registerIngestCommand(program: Command, io: CliIo): void {
  program.command('ingest')
    .description('send SLI events from an NDJSON file to an SLI whose metricSource.type is xops')
    .requiredOption('-f, --filename <file>', 'NDJSON file, one event per line: {"ts", "good" or "bad", "total"}, or {"ts", "value"} for a threshold SLI')
    .requiredOption('--sli <name>', 'the SLI the events belong to')
    .option('--mode <mode>', `${INGEST_MODES.join(' or ')}: replace overwrites the buckets the file touches, so sending it again changes nothing; add adds to them`, 'replace')
    .addHelpText('after', `
\`ts\` is an RFC 3339 time (2025-03-01T12:00:00Z) or epoch milliseconds; times in the past are fine.
The whole file is checked first: if any line is bad, nothing is sent and every problem is listed as
  file:line  field  message
Examples:
  $ xops ingest -f checkout.ndjson --sli checkout-requests
  $ xops ingest -f late-data.ndjson --sli checkout-requests --mode add
`)
    .action(async (options: { filename: string; sli: string; mode: string }, command: Command) => {
      const mode = ingestModeSchema.safeParse(options.mode);
      if (!mode.success) throw new UsageError(`unknown mode "${options.mode}": use ${INGEST_MODES.join(' or ')}`);
      const client = connect(command.optsWithGlobals(), io);

      const read = await readEventsFile(resolve(io.cwd, options.filename), Date.now()).catch((error: unknown) => {
        throw new UsageError(`cannot read ${options.filename}: ${error instanceof Error ? error.message : String(error)}`);
      });
      if (!read.ok) {
        for (const problem of read.problems) io.err(`${formatFileProblem(options.filename, problem)}\n`);
        const more = read.count > read.problems.length ? ` (the first ${read.problems.length} are shown)` : '';
        throw new UsageError(`${read.count} problem(s) in ${options.filename}${more}; nothing was sent`);
      }

      const events = read.value;
      const lines = events.counts.size + events.values.ts.length;
      const progress = createIngestProgress(io, lines, events.values.ts.length > 0 ? 'values' : 'buckets');
      const started = performance.now();
      let requests = 0;
      let buckets = 0;
      try {
        for (const chunk of ingestChunks(events, LINES_PER_REQUEST)) {
          const result = await client.ingestEvents(options.sli, chunk.ndjson, mode.data);
          requests += 1;
          buckets += result.buckets;
          progress.advance(chunk.lines);
        }
      } catch (error) {
        progress.finish(`stopped after ${requests} request(s)`);
        if (requests > 0 && error instanceof ApiError) {
          io.err(`${requests} request(s) had been written before this one failed`
            + `${mode.data === 'replace' ? '; sending the file again is safe in replace mode' : ''}.\n`);
        }
        throw error;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      progress.finish(`sent ${lines} line(s) to SLI ${options.sli} in ${requests} request(s), ${seconds} s`);
      io.out(`ingested ${events.events} events into ${buckets} buckets\n`);
    });
}

/** `file:line  field  message`, like config problems but without a column. */
function formatFileProblem(file: string, problem: FileEventProblem): string {
  return `${file}:${problem.line}  ${problem.path.length > 0 ? formatFieldPath(problem.path) : '(event)'}  ${problem.message}`;
}
