import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import type { CliIo } from '../cli-io';
import { connect } from '../connection';
import { formatTable } from '../output/format-table';
import { parseOutputFormat } from '../output/output-format';

const REF = 'the incident: its number (4 or #4) or its id';

export function registerPostmortemCommand(program: Command, io: CliIo): void {
  const postmortem = program.command('postmortem').description('blameless postmortems of resolved incidents: export them, track their action items');
  postmortem.addHelpText('after', `
Resolving an incident drafts its postmortem: a factual summary, the error budget the incident
consumed for each SLO of its services, the timeline, and contributing-factor questions about
the system (never about people). An incident is complete once its action items are done.

Examples:
  $ xops postmortem export 4 > postmortem-4.md
  $ xops postmortem action add 4 --owner bob --due 2026-03-20 "Alert on checkout 5xx before customers notice"
  $ xops postmortem action done 4 4-1
`);

  postmortem.command('export')
    .description('print a postmortem as Markdown (or write it to a file with -f)')
    .argument('<ref>', REF)
    .option('-f, --file <path>', 'write to this file instead of standard output')
    .addHelpText('after', '\nExamples:\n  $ xops postmortem export 4\n  $ xops postmortem export 4 -f docs/postmortems/2026-03-04-checkout.md\n')
    .action(async (ref: string, options: { file?: string }, command: Command) => {
      const markdown = await connect(command.optsWithGlobals(), io).exportPostmortem(ref);
      if (options.file === undefined) return io.out(markdown);
      await writeFile(resolve(io.cwd, options.file), markdown);
      io.err(`Wrote ${options.file}.\n`);
    });

  postmortem.command('show')
    .description('show a postmortem as JSON or YAML (to edit it, PUT it back through the API)')
    .argument('<ref>', REF)
    .option('-o, --output <format>', 'json or yaml', 'yaml')
    .action(async (ref: string, options: { output: string }, command: Command) => {
      const format = parseOutputFormat(options.output);
      const body = await connect(command.optsWithGlobals(), io).getPostmortem(ref);
      io.out(format === 'json' ? `${JSON.stringify(body, null, 2)}\n` : stringify(body));
    });

  const action = postmortem.command('action').description('the action items of an incident: add, list, done, remove');
  action.command('add')
    .description('add an action item with an owner and a due day')
    .argument('<ref>', REF)
    .argument('<title>', 'what to do, e.g. "Add a canary stage to checkout deploys"')
    .requiredOption('--owner <person>', 'who sees it through')
    .requiredOption('--due <day>', 'the day it is due, YYYY-MM-DD (overdue the day after, in UTC)')
    .addHelpText('after', '\nExample:\n  $ xops postmortem action add 4 --owner bob --due 2026-03-20 "Alert on checkout 5xx before customers notice"\n')
    .action(async (ref: string, title: string, options: { owner: string; due: string }, command: Command) => {
      const item = await connect(command.optsWithGlobals(), io).addActionItem(ref, { title, owner: options.owner, due: options.due });
      io.out(`Action item ${item.id} added: ${item.title} (${item.owner}, due ${item.due}).\n`);
    });
  action.command('list')
    .description('list an incident\'s action items')
    .argument('<ref>', REF)
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .action(async (ref: string, options: { output: string }, command: Command) => {
      const format = parseOutputFormat(options.output);
      const items = await connect(command.optsWithGlobals(), io).listActionItems(ref);
      if (format === 'json') return io.out(`${JSON.stringify(items, null, 2)}\n`);
      if (format === 'yaml') return io.out(stringify(items));
      if (items.length === 0) return io.err(`No action items yet. Add one with: xops postmortem action add ${ref} --owner PERSON --due YYYY-MM-DD "TITLE"\n`);
      io.out(formatTable(['ID', 'STATUS', 'DUE', 'OWNER', 'ACTION'], items.map((item) => [item.id, item.overdue ? 'overdue' : item.status, item.due, item.owner, item.title])));
    });
  action.command('done')
    .description('mark an action item done')
    .argument('<ref>', REF)
    .argument('<id>', 'the action item: 4-2, or 2 within the incident')
    .addHelpText('after', '\nExample:\n  $ xops postmortem action done 4 4-2\n')
    .action(async (ref: string, id: string, _options: unknown, command: Command) => {
      const client = connect(command.optsWithGlobals(), io);
      const item = await client.updateActionItem(ref, id, { status: 'done' });
      const incident = await client.getIncident(ref);
      const left = incident.openActionItems;
      io.out(`Action item ${item.id} done. Incident #${incident.number} ${incident.complete ? 'is complete' : `has ${left} open action ${left === 1 ? 'item' : 'items'} left`}.\n`);
    });
  action.command('remove')
    .description('remove an action item that should not have been one')
    .argument('<ref>', REF)
    .argument('<id>', 'the action item: 4-2, or 2 within the incident')
    .action(async (ref: string, id: string, _options: unknown, command: Command) => {
      await connect(command.optsWithGlobals(), io).deleteActionItem(ref, id);
      io.out(`Action item ${id} removed.\n`);
    });
}
