import { ROLES, roleSchema } from '@xops/contracts';
import type { Command } from 'commander';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { connect } from '../connection';

export function registerTokenCommand(program: Command, io: CliIo): void {
  const token = program.command('token').description('manage API tokens (admin only)');
  token.command('create')
    .description('create a token; it is printed once and never stored in plain text')
    .requiredOption('--name <name>', 'who or what uses the token, e.g. ci-deploy or alice')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .addHelpText('after', `
Roles, weakest first: viewer reads; responder also acts on alerts and incidents;
editor also applies config; admin also manages tokens and reads the audit log.

Example:
  $ xops token create --name ci-deploy --role editor
`)
    .action(async (options: { name: string; role: string }, command: Command) => {
      const role = roleSchema.safeParse(options.role);
      if (!role.success) throw new UsageError(`unknown role "${options.role}": use one of ${ROLES.join(', ')}`);
      const created = await connect(command.optsWithGlobals(), io).createToken({ name: options.name, role: role.data });
      io.err(`Token "${created.name}" (${created.role}) created. It is shown once; store it now.\n`);
      io.out(`${created.token}\n`);
    });
}
