import { ApiError } from '@xops/contracts';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { connect } from '../connection';
import { formatIncidentDetails } from '../output/incident-text';
import { formatSloStatusDetails } from '../output/slo-status-details';
import { resolveKind } from './resolve-kind';

export function registerDescribeCommand(program: Command, io: CliIo): void {
  program.command('describe')
    .description('show one object with its revision, who applied it and its source as written')
    .argument('<kind>', 'slo, sli, service, …, or incident')
    .argument('<name>', 'the object\'s metadata.name, or the incident\'s number')
    .addHelpText('after', '\nExamples:\n  $ xops describe slo checkout-availability\n  $ xops describe incident 4          details and the whole timeline\n')
    .action(async (kindName: string, name: string, _options: unknown, command: Command) => {
      if (kindName === 'incident' || kindName === 'incidents') {
        io.out(formatIncidentDetails(await connect(command.optsWithGlobals(), io).getIncident(name)));
        return;
      }
      const kind = resolveKind(kindName);
      const client = connect(command.optsWithGlobals(), io);
      const stored = await client.getObject(kind.plural, name);
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
      io.out(`${header}\n`);
      if (kind.kind === 'SLO') {
        try {
          io.out(formatSloStatusDetails(await client.getSloStatus(name)));
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          io.out(`Status:      ${error.message}\n`);
        }
      }
      io.out(`Source:\n${indent(stored.sourceText)}\n`);
    });
}

function indent(text: string): string {
  return text.replace(/\s+$/, '').split('\n').map((line) => `  ${line}`).join('\n');
}
