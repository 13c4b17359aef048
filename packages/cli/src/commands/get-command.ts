import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { connect } from '../connection';
import { parseOutputFormat } from '../output/output-format';
import { renderObjects } from '../output/render-objects';
import { resolveKind } from './resolve-kind';

export function registerGetCommand(program: Command, io: CliIo): void {
  program.command('get')
    .description('list objects of a kind, or show one by name')
    .argument('<kind>', 'slo, sli, service, datasource, alertpolicy, … (singular or plural)')
    .argument('[name]', 'one object\'s metadata.name')
    .option('-o, --output <format>', 'table, json or yaml (json/yaml print the documents as applied)', 'table')
    .addHelpText('after', `
Examples:
  $ xops get slo
  $ xops get slo checkout-availability -o yaml
  $ xops get services -o json
`)
    .action(async (kindName: string, name: string | undefined, options: { output: string }, command: Command) => {
      const format = parseOutputFormat(options.output);
      const kind = resolveKind(kindName);
      const client = connect(command.optsWithGlobals(), io);
      const objects = name === undefined ? await client.listObjects(kind.plural) : [await client.getObject(kind.plural, name)];
      if (objects.length === 0 && format === 'table') {
        io.err(`No ${kind.plural} yet. Apply some with: xops apply -f <file|dir>\n`);
        return;
      }
      io.out(renderObjects(kind.kind, objects, format, name !== undefined));
    });
}
