import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { connect } from '../connection';
import { formatTable } from '../output/format-table';
import { XOPS_VERSION } from '../version';
import { demoDocuments } from './demo-documents';

interface DemoOptions {
  readonly port: string;
  readonly dataDir: string;
  readonly seed: string;
}

interface FaultOptions {
  readonly errors: string;
  readonly latency: string;
  readonly for: string;
}

const wholeNumber = (text: string, flag: string, max: number): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > max) throw new UsageError(`${flag} must be a whole number from 0 to ${max}, got "${text}"`);
  return value;
};

/** `xops demo`: the server on embedded SQLite with a simulated fleet; `xops demo fault`: breaks a service of it for a while. */
export function registerDemoCommand(program: Command, io: CliIo): void {
  const demo = program.command('demo')
    .description('start xops with a simulated fleet (gateway → cart → payments, gateway → catalog), scraped live or pushing OTLP, its SLOs applied')
    .option('-p, --port <port>', 'port of the server; the fleet\'s /metrics take the next three', '7070')
    .option('--data-dir <dir>', 'where the demo\'s SQLite database lives', './.xops-demo')
    .option('--seed <n>', 'same seed, same traffic', '1')
    .addHelpText('after', `
Then, in another terminal:
  $ export XOPS_TOKEN=xops_…                           the admin token it printed
  $ xops get slo                                       SLOs of the fleet, their budgets and burn rates
  $ xops get signals cart                              golden signals: requests/s, errors, p50/p90/p99, saturation
  $ xops demo fault payments --errors 0.2 --for 10m    payments fails 20 % of requests; burn-rate alerts fire
  $ xops get alerts
`)
    .action(async (options: DemoOptions) => {
      const port = wholeNumber(options.port, '--port', 65_530);
      const seed = wholeNumber(options.seed, '--seed', 2 ** 32 - 1);
      const { startServer, createDemoFleet, systemClock } = await import('@xops/server');
      // Fixed ports next to the server's when it has one; any free ports for --port 0.
      const fleet = await createDemoFleet({ clock: systemClock, seed, basePort: port === 0 ? 0 : port + 1 });
      try {
        const documents = await demoDocuments(fleet.services.flatMap((name) => fleet.urls[name] ?? []));
        const server = await startServer({
          port, dataDir: resolve(io.cwd, options.dataDir), version: XOPS_VERSION,
          demo: { fleet, documents },
          output: { write: (text: string) => io.out(text) },
        });
        fleet.start();
        io.out([
          `xops demo listening on ${server.url} (Ctrl-C to stop)`,
          ...fleet.services.map((name) => `  ${name.padEnd(9)} ${fleet.urls[name] ?? `pushes OTLP to ${server.url}/v1/metrics`}`),
          'Try: xops get slo · xops get signals cart · xops demo fault payments --errors 0.2 --for 10m · xops get alerts',
          '',
        ].join('\n'));
        await server.closed;
      } finally {
        await fleet.close();
      }
    });

  demo.command('fault')
    .description('inject a fault into a service of a running `xops demo`')
    .argument('<service>', 'gateway, cart, payments or catalog')
    .option('--errors <share>', 'share of requests that fail, 0 to 1', '0')
    .option('--latency <duration>', 'added to every answer, e.g. 300ms', '0ms')
    .option('--for <duration>', 'how long, e.g. 10m', '10m')
    .addHelpText('after', `
Examples:
  $ xops demo fault payments --errors 0.2 --for 10m
  $ xops demo fault catalog --latency 300ms --for 5m
`)
    .action(async (service: string, options: FaultOptions, command: Command) => {
      const errors = Number(options.errors);
      if (!(errors >= 0 && errors <= 1)) throw new UsageError(`--errors must be a share from 0 to 1, got "${options.errors}"`);
      const client = connect(command.optsWithGlobals(), io);
      const faults = await client.injectDemoFault({ service, errors, latency: options.latency, for: options.for });
      io.out(formatTable(['SERVICE', 'ERRORS', 'LATENCY', 'UNTIL'], faults.map((fault) => [
        fault.service, `${String(Number((fault.errors * 100).toFixed(2)))}%`, `+${fault.latencyMs}ms`, fault.until,
      ])));
    });
}
