import { ROLES, roleSchema, SCOPE_DESCRIPTIONS, SCOPES, scopeSchema, type Scope, type TokenCreateRequest } from '@xops/contracts';
import type { Command } from 'commander';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { connect } from '../connection';
import { parseOutputFormat } from '../output/output-format';
import { printTokens } from './get-tokens';

const scopeWidth = Math.max(...SCOPES.map((scope) => scope.length));
const SCOPE_HELP = SCOPES.map((scope) => `  ${scope.padEnd(scopeWidth)}  ${SCOPE_DESCRIPTIONS[scope]}`).join('\n');

interface CreateOptions {
  readonly name?: string;
  readonly role?: string;
  readonly scope?: readonly string[];
}

export function registerTokenCommand(program: Command, io: CliIo): void {
  const token = program.command('token').description('manage API tokens (admin only)');
  token.command('create')
    .description('create a role token or an ingest token; it is printed once and never stored in plain text')
    .argument('[name]', 'who or what uses the token, e.g. ci-deploy, alice or prometheus')
    .option('--name <name>', 'the same as NAME')
    .option('--role <role>', `a role token: one of ${ROLES.join(', ')}`)
    .option('--scope <scope>', 'an ingest token with this scope; repeat for several (see below)', (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
    .addHelpText('after', `
A token is either a role token (--role) or an ingest token (--scope), never both.

Roles, weakest first: viewer reads; responder also acts on alerts and incidents; editor also
applies config and may send telemetry; admin also manages tokens and reads the audit log.

An ingest token is for a sender of data, such as Prometheus or an OpenTelemetry Collector. It can
call only the ingest endpoints of its scopes, so a leaked one can send data but cannot read anything
or change config. Scopes:
${SCOPE_HELP}

Examples:
  $ xops token create ci-deploy --role editor
  $ xops token create prometheus --scope ingest:metrics
    then in prometheus.yml:
    remote_write: [{ url: http://127.0.0.1:7070/api/v1/write, authorization: { credentials: xops_… } }]
  $ xops token list
`)
    .action(async (name: string | undefined, options: CreateOptions, command: Command) => {
      const created = await connect(command.optsWithGlobals(), io).createToken(parseCreateRequest(name, options));
      const grant = 'role' in created ? created.role : `ingest token for ${created.scopes.join(', ')}`;
      io.err(`Token "${created.name}" (${grant}) created. It is shown once; store it now.\n`);
      io.out(`${created.token}\n`);
    });
  token.command('list')
    .description('list tokens with their role or scopes (never their secrets); the same as `xops get tokens`')
    .option('-o, --output <format>', 'table, json or yaml', 'table')
    .action(async (options: { output: string }, command: Command) => {
      const format = parseOutputFormat(options.output);
      await printTokens(connect(command.optsWithGlobals(), io), format, io);
    });
}

/** Checks the flags before anything is sent, with the messages the server would give. */
function parseCreateRequest(positional: string | undefined, options: CreateOptions): TokenCreateRequest {
  if (positional !== undefined && options.name !== undefined && positional !== options.name) {
    throw new UsageError(`two names given, "${positional}" and --name "${options.name}": give one`);
  }
  const name = positional ?? options.name;
  if (name === undefined) throw new UsageError('give the token a name: xops token create NAME --role ROLE, or --scope SCOPE for an ingest token');
  const scopeValues = options.scope ?? [];
  if (options.role !== undefined && scopeValues.length > 0) {
    throw new UsageError('give --role or --scope, not both: an ingest token has no role');
  }
  if (options.role !== undefined) {
    const role = roleSchema.safeParse(options.role);
    if (!role.success) throw new UsageError(`unknown role "${options.role}": use one of ${ROLES.join(', ')}`);
    return { name, role: role.data };
  }
  if (scopeValues.length === 0) {
    throw new UsageError(`give --role (${ROLES.join(', ')}) for a role token, or --scope (${SCOPES.join(', ')}) for an ingest token`);
  }
  const scopes = scopeValues.map((value): Scope => {
    const scope = scopeSchema.safeParse(value);
    if (!scope.success) throw new UsageError(scope.error.issues[0]?.message ?? `unknown scope "${value}"`);
    return scope.data;
  });
  return { name, scopes };
}
