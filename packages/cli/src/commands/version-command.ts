import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { XOPS_VERSION } from '../version';

export function registerVersionCommand(program: Command, io: CliIo): void {
  program.command('version')
    .description('print the version of this xops CLI')
    .addHelpText('after', '\nExample:\n  $ xops version\n')
    .action(() => {
      io.out(`xops ${XOPS_VERSION} (node ${process.versions.node})\n`);
    });
}
