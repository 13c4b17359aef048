import { Command, CommanderError } from 'commander';
import { describeCliError, EXIT_OK, EXIT_USAGE } from './cli-errors';
import { processIo, type CliIo } from './cli-io';
import { registerApplyCommand } from './commands/apply-command';
import { registerBackfillCommand } from './commands/backfill-command';
import { registerDeleteCommand } from './commands/delete-command';
import { registerDemoCommand } from './commands/demo-command';
import { registerDescribeCommand } from './commands/describe-command';
import { registerExportCommand } from './commands/export-command';
import { registerGetCommand } from './commands/get-command';
import { registerIngestCommand } from './commands/ingest-command';
import { registerIncidentCommand } from './commands/incident-command';
import { registerPostmortemCommand } from './commands/postmortem-command';
import { registerReportCommand } from './commands/report-command';
import { registerOncallCommand } from './commands/oncall-command';
import { registerRouteCommand } from './commands/route-command';
import { registerSilenceCommand } from './commands/silence-command';
import { registerTokenCommand } from './commands/token-command';
import { registerReplayCommand } from './commands/replay-command';
import { registerUpCommand } from './commands/up-command';
import { registerVersionCommand } from './commands/version-command';
import { XOPS_VERSION } from './version';

/** Builds the `xops` program; every command writes through `io` so tests can run it in-process. */
export function createProgram(io: CliIo): Command {
  const program = new Command('xops')
    .description('xops: SLOs and error budgets as code, burn-rate alerts, on-call and incidents, in one control plane.')
    .version(XOPS_VERSION, '-V, --version', 'print the version')
    .option('--server <url>', 'the xops server to talk to (env XOPS_SERVER, default http://127.0.0.1:7070)')
    .option('--token <token>', 'bearer token (env XOPS_TOKEN)')
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    // Commander settings are copied into subcommands when they are created, so set them first.
    .exitOverride();
  program.addHelpText('after', `
Examples:
  $ xops up                          start a server on the embedded SQLite database
  $ export XOPS_TOKEN=xops_…         the admin token the first start printed
  $ xops apply -f examples/          apply every OpenSLO file under a directory
  $ xops get slo                     list SLOs; -o json|yaml for the documents
`);
  registerUpCommand(program, io);
  registerDemoCommand(program, io);
  registerApplyCommand(program, io);
  registerGetCommand(program, io);
  registerDescribeCommand(program, io);
  registerDeleteCommand(program, io);
  registerReplayCommand(program, io);
  registerBackfillCommand(program, io);
  registerExportCommand(program, io);
  registerIngestCommand(program, io);
  registerIncidentCommand(program, io);
  registerPostmortemCommand(program, io);
  registerReportCommand(program, io);
  registerOncallCommand(program, io);
  registerRouteCommand(program, io);
  registerSilenceCommand(program, io);
  registerTokenCommand(program, io);
  registerVersionCommand(program, io);
  return program;
}

/** Runs the CLI and resolves with the exit code of DESIGN.md §6 (0 ok, 1 failed, 2 bad usage). */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv]);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and --version end parsing through an "error" with exit code 0.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    const { message, exitCode } = describeCliError(error);
    io.err(`error: ${message}\n`);
    return exitCode;
  }
}
