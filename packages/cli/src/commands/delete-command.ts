import type { Command } from 'commander';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { formatConfigProblem } from '../config/format-config-problem';
import { loadConfigFiles } from '../config/load-config-files';
import { connect } from '../connection';
import { formatApplyResult } from './apply-command';
import { resolveKind } from './resolve-kind';

export function registerDeleteCommand(program: Command, io: CliIo): void {
  program.command('delete')
    .description('delete the objects a file describes, or one object by kind and name')
    .argument('[kind]', 'slo, sli, service, … (with a name)')
    .argument('[name]', 'the object\'s metadata.name')
    .option('-f, --filename <paths...>', 'files or directories whose objects to delete')
    .option('--dry-run', 'show what would be deleted, delete nothing')
    .addHelpText('after', `
Examples:
  $ xops delete -f examples/openslo/checkout.yaml
  $ xops delete slo checkout-availability
`)
    .action(async (kindName: string | undefined, name: string | undefined,
      options: { filename?: string[]; dryRun?: boolean }, command: Command) => {
      const client = connect(command.optsWithGlobals(), io);
      const refs = options.filename
        ? await refsFromFiles(options.filename, io, kindName)
        : [refFromArguments(kindName, name)];
      const result = await client.deleteBundle({ objects: refs, dryRun: options.dryRun === true });
      io.out(formatApplyResult(result).replaceAll(' unchanged', ' not found'));
    });
}

function refFromArguments(kindName: string | undefined, name: string | undefined): { kind: string; name: string } {
  if (kindName === undefined || name === undefined) {
    throw new UsageError('give a kind and a name (xops delete slo NAME) or files (xops delete -f FILE)');
  }
  return { kind: resolveKind(kindName).kind, name };
}

async function refsFromFiles(paths: string[], io: CliIo, extra: string | undefined): Promise<{ kind: string; name: string }[]> {
  if (extra !== undefined) throw new UsageError('give either -f FILE or a kind and a name, not both');
  // References need not resolve: deleting an SLO together with the SLI it uses is fine.
  const loaded = await loadConfigFiles(paths, { cwd: io.cwd, known: () => true });
  if (!loaded.ok) {
    for (const problem of loaded.problems) io.err(`${formatConfigProblem(problem)}\n`);
    throw new UsageError(`${loaded.problems.length} problem(s) in the files; nothing was deleted`);
  }
  return loaded.documents.map(({ object }) => ({ kind: object.kind, name: object.metadata.name }));
}
