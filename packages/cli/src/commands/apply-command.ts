import { findKind, type ApplyResult } from '@xops/contracts';
import type { Command } from 'commander';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { loadConfigFiles } from '../config/load-config-files';
import { formatConfigProblem } from '../config/format-config-problem';
import { connect } from '../connection';
import { fetchKnownObjects } from './known-objects';

export function registerApplyCommand(program: Command, io: CliIo): void {
  program.command('apply')
    .description('create or update objects from OpenSLO / xops YAML files, all or nothing')
    .requiredOption('-f, --filename <paths...>', 'files or directories (walked recursively for .yaml, .yml, .json)')
    .option('--dry-run', 'validate and show what would change, write nothing')
    .addHelpText('after', `
Applying is idempotent: an unchanged document keeps its revision; a changed one gets the next.
If any document is invalid, nothing is applied and every problem is listed as
  file:line:column  field.path  message

Examples:
  $ xops apply -f examples/
  $ xops apply -f slo.yaml -f team.yaml --dry-run
`)
    .action(async (options: { filename: string[]; dryRun?: boolean }, command: Command) => {
      const client = connect(command.optsWithGlobals(), io);
      const known = await fetchKnownObjects(client);
      const loaded = await loadConfigFiles(options.filename, { cwd: io.cwd, known });
      if (!loaded.ok) {
        for (const problem of loaded.problems) io.err(`${formatConfigProblem(problem)}\n`);
        const files = new Set(loaded.problems.map((problem) => problem.file)).size;
        throw new UsageError(`${loaded.problems.length} problem(s) in ${files} file(s); nothing was applied`);
      }
      if (loaded.documents.length === 0) throw new UsageError(`no documents found in ${options.filename.join(', ')}`);
      const result = await client.apply({ documents: loaded.documents, dryRun: options.dryRun === true });
      io.out(formatApplyResult(result));
    });
}

/** `slo/checkout-availability created`, kubectl-style, one line per object. */
export function formatApplyResult(result: ApplyResult): string {
  const suffix = result.dryRun ? ' (dry run)' : '';
  return result.results
    .map((outcome) => `${findKind(outcome.kind)?.aliases[0] ?? outcome.kind}/${outcome.name} ${outcome.action}${suffix}\n`)
    .join('');
}
