import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { connect } from '../connection';
import { resolveKind } from './resolve-kind';

export function registerDescribeCommand(program: Command, io: CliIo): void {
  program.command('describe')
    .description('show one object with its revision, who applied it and its source as written')
    .argument('<kind>', 'slo, sli, service, …')
    .argument('<name>', 'the object\'s metadata.name')
    .addHelpText('after', '\nExample:\n  $ xops describe slo checkout-availability\n')
    .action(async (kindName: string, name: string, _options: unknown, command: Command) => {
      const kind = resolveKind(kindName);
      const stored = await connect(command.optsWithGlobals(), io).getObject(kind.plural, name);
      const fields: [string, string][] = [
        ['Name', stored.name],
        ['Kind', `${stored.kind} (${stored.apiVersion})`],
        ['Revision', String(stored.revision)],
        ['Applied by', stored.appliedBy],
        ['Created', stored.createdAt],
        ['Updated', stored.updatedAt],
        ['Source file', stored.sourceFile ?? '(sent through the API)'],
      ];
      const width = Math.max(...fields.map(([label]) => label.length)) + 2;
      const header = fields.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`).join('\n');
      io.out(`${header}\nSource:\n${indent(stored.sourceText)}\n`);
    });
}

function indent(text: string): string {
  return text.replace(/\s+$/, '').split('\n').map((line) => `  ${line}`).join('\n');
}
