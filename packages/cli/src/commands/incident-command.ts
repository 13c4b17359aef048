import { incidentRoleSchema, incidentSeveritySchema, type IncidentBody, type IncidentViewBody } from '@xops/contracts';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { connect } from '../connection';
import { parseOutputFormat } from '../output/output-format';

const ROLES = incidentRoleSchema.options;
const REF = 'the incident: its number (4 or #4) or its id';
const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), ...value.split(',').map((part) => part.trim()).filter((part) => part !== '')];

export function registerIncidentCommand(program: Command, io: CliIo): void {
  const incident = program.command('incident').description('declare incidents and respond to them: acknowledge, mitigate, resolve, notes, roles, updates');
  incident.addHelpText('after', `
An incident moves triggered → acknowledged → mitigated → resolved, never back. Everything done to
it lands on its timeline with who did it: see it with \`xops describe incident REF\`.

Examples:
  $ xops incident declare "Checkout errors" --severity SEV2 --service checkout --policy payments
  $ xops incident ack 4                        stops the paging
  $ xops incident note 4 "Rolled back deploy 42"
  $ xops incident assign 4 --commander alice --scribe bob
  $ xops incident update 4 --public "We are rolling back a faulty release."
  $ xops incident resolve 4                    drafts the postmortem: xops postmortem export 4
`);

  incident.command('declare')
    .description('declare an incident by hand; with --policy, its escalation policy pages until someone acknowledges')
    .argument('<title>', 'what is wrong, as responders and the status page will read it')
    .requiredOption('--severity <sev>', 'SEV1 (worst: customer-facing, widespread) to SEV4')
    .option('--service <name>', 'an affected service; repeat or comma-separate for several (their SLOs make the postmortem\'s impact)', collect)
    .option('--policy <name>', 'the EscalationPolicy to page, e.g. payments')
    .option('--commander <person>', 'the incident commander')
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .addHelpText('after', `
Examples:
  $ xops incident declare "Checkout errors" --severity SEV2 --service checkout
  $ xops incident declare "Payments down" --severity SEV1 --service payments,checkout --policy payments --commander alice
`)
    .action(async (title: string, options: { severity: string; service?: string[]; policy?: string; commander?: string; output: string }, command: Command) => {
      const format = parseOutputFormat(options.output);
      const declared = await connect(command.optsWithGlobals(), io).declareIncident({
        title, severity: parseSeverity(options.severity), services: options.service ?? [],
        ...(options.policy === undefined ? {} : { escalationPolicy: options.policy }),
        ...(options.commander === undefined ? {} : { commander: options.commander }),
      });
      if (format !== 'table') return io.out(format === 'json' ? `${JSON.stringify(declared, null, 2)}\n` : stringify(declared));
      const paged = declared.timeline.filter((event) => event.kind === 'page').map((event) => event.text);
      io.out(`Incident #${declared.number} declared: ${declared.title} (${declared.severity}).\n${paged.map((text) => `  ${text}\n`).join('')}`);
    });

  const states = [
    ['ack', 'acknowledge', 'acknowledged', 'acknowledge an incident: you are on it; its escalation stops paging'],
    ['mitigate', 'mitigate', 'mitigated', 'mark an incident mitigated: the impact is over, the cause may not be'],
    ['resolve', 'resolve', 'resolved', 'resolve an incident; its postmortem is drafted (xops postmortem export REF)'],
  ] as const;
  for (const [name, action, done, description] of states) {
    incident.command(name)
      .description(description)
      .argument('<ref>', REF)
      .option('-o, --output <format>', 'table, json or yaml', 'table')
      .addHelpText('after', `\nExample:\n  $ xops incident ${name} 4\n`)
      .action(async (ref: string, options: { output: string }, command: Command) => {
        const format = parseOutputFormat(options.output);
        const changed = await connect(command.optsWithGlobals(), io).changeIncidentState(ref, action);
        const after = done === 'resolved' ? ` Its postmortem: xops postmortem export ${changed.number}` : '';
        print(changed, format, io, `Incident #${changed.number} ${done}.${after}`);
      });
  }

  incident.command('note')
    .description('add a note to an incident\'s timeline')
    .argument('<ref>', REF)
    .argument('<text>', 'the note')
    .addHelpText('after', '\nExample:\n  $ xops incident note 4 "Error rate back under 0.1 % after the rollback"\n')
    .action(async (ref: string, text: string, _options: unknown, command: Command) => {
      const changed = await connect(command.optsWithGlobals(), io).addIncidentNote(ref, text);
      io.out(`Noted on incident #${changed.number}.\n`);
    });

  incident.command('update')
    .description('post a status update: with --public it shows on the status page, else it stays on the timeline')
    .argument('<ref>', REF)
    .argument('<text>', 'the update, written for the people affected')
    .option('--public', 'show it on the public status page')
    .addHelpText('after', '\nExample:\n  $ xops incident update 4 --public "We have found the cause and are rolling back."\n')
    .action(async (ref: string, text: string, options: { public?: boolean }, command: Command) => {
      const changed = await connect(command.optsWithGlobals(), io).postIncidentUpdate(ref, { text, public: options.public === true });
      io.out(`${options.public === true ? 'Public update' : 'Update'} posted on incident #${changed.number}.\n`);
    });

  incident.command('assign')
    .description('give incident roles to people (commander, scribe, communications); "none" leaves a role unassigned')
    .argument('<ref>', REF)
    .option('--commander <person>', 'the incident commander: coordinates, decides, never fixes')
    .option('--scribe <person>', 'keeps the timeline')
    .option('--communications <person>', 'writes the status updates')
    .addHelpText('after', '\nExamples:\n  $ xops incident assign 4 --commander alice\n  $ xops incident assign 4 --scribe bob --communications carol\n  $ xops incident assign 4 --scribe none\n')
    .action(async (ref: string, options: Partial<Record<(typeof ROLES)[number], string>>, command: Command) => {
      const given = ROLES.flatMap((role) => (options[role] === undefined ? [] : [[role, options[role]] as const]));
      if (given.length === 0) throw new UsageError('name at least one role: --commander, --scribe or --communications PERSON');
      const client = connect(command.optsWithGlobals(), io);
      for (const [role, person] of given) {
        const changed = await client.assignIncidentRole(ref, role, person === 'none' ? null : person);
        io.out(person === 'none' ? `Incident #${changed.number}: ${role} unassigned.\n` : `Incident #${changed.number}: ${role} is ${person}.\n`);
      }
    });

  incident.command('severity')
    .description('change an incident\'s severity')
    .argument('<ref>', REF)
    .argument('<severity>', 'SEV1 (worst) to SEV4')
    .addHelpText('after', '\nExample:\n  $ xops incident severity 4 SEV1\n')
    .action(async (ref: string, severity: string, _options: unknown, command: Command) => {
      const changed = await connect(command.optsWithGlobals(), io).setIncidentSeverity(ref, parseSeverity(severity));
      io.out(`Incident #${changed.number} is ${changed.severity}.\n`);
    });
}

function print(incident: IncidentViewBody, format: 'table' | 'json' | 'yaml', io: CliIo, line: string): void {
  if (format === 'json') return io.out(`${JSON.stringify(incident, null, 2)}\n`);
  if (format === 'yaml') return io.out(stringify(incident));
  io.out(`${line}\n`);
}

function parseSeverity(value: string): IncidentBody['severity'] {
  const parsed = incidentSeveritySchema.safeParse(value.toUpperCase());
  if (!parsed.success) throw new UsageError(`unknown severity "${value}": use SEV1 (worst), SEV2, SEV3 or SEV4`);
  return parsed.data;
}
