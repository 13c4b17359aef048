import { ApiError, type ApiClient, type SloStatusBody, type StoredObject } from '@xops/contracts';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { connect } from '../connection';
import { parseOutputFormat } from '../output/output-format';
import { renderObjects } from '../output/render-objects';
import { formatSloStatusTable } from '../output/slo-status-table';
import { printAlerts } from './get-alerts';
import { printIncomingAlerts } from './get-incoming-alerts';
import { printSilences } from './get-silences';
import { printIncidents } from './get-incidents';
import { printNotifications } from './get-notifications';
import { printSignals } from './get-signals';
import { printTargets } from './get-targets';
import { printTokens } from './get-tokens';
import { resolveKind } from './resolve-kind';

export function registerGetCommand(program: Command, io: CliIo): void {
  program.command('get')
    .description('list objects of a kind, or show one by name')
    .argument('<kind>', 'slo, sli, service, datasource, alertpolicy, … (singular or plural), alerts, incidents, silences, targets, tokens, notifications, or signals SERVICE')
    .argument('[name]', 'one object\'s metadata.name')
    .option('-o, --output <format>', 'table, json or yaml (json/yaml print the documents as applied)', 'table')
    .option('--from <time>', 'signals: start, RFC 3339, epoch ms or relative such as now-1h (default: an hour before --to)')
    .option('--to <time>', 'signals: end (default: now)')
    .option('--step <duration>', 'signals: one row per step, a multiple of 10s such as 1m')
    .option('--failed', 'notifications: only those xops gave up delivering')
    .option('--state <state>', 'incidents: open (not resolved), triggered, acknowledged, mitigated or resolved; silences: pending, active or expired')
    .option('--incoming', 'alerts: those the sources sent (Alertmanager, PagerDuty, JSON, SLO engine) with their routing outcome')
    .addHelpText('after', `
Examples:
  $ xops get slo
  $ xops get slo checkout-availability -o yaml
  $ xops get services -o json
  $ xops get alerts                  the SLO engine's pending, firing and resolved alerts
  $ xops get alerts --incoming       alerts received from every source, and what routing did with each
  $ xops get silences --state active silences muting alerts now
  $ xops get targets                 Prometheus scrape targets and their health
  $ xops get incidents --state open  incidents not resolved yet, newest first
  $ xops get notifications --failed  notifications xops gave up delivering, with the last error
  $ xops get tokens                  API tokens with their role or ingest scopes (admin only)
  $ xops get signals checkout --from now-1h --step 1m   golden signals of a service
`)
    .action(async (kindName: string, name: string | undefined, options: { output: string; from?: string; to?: string; step?: string; failed?: boolean; state?: string; incoming?: boolean }, command: Command) => {
      const format = parseOutputFormat(options.output);
      const client = connect(command.optsWithGlobals(), io);
      if ((kindName === 'alerts' || kindName === 'alert') && options.incoming === true) return printIncomingAlerts(client, format, io);
      if (kindName === 'alerts' || kindName === 'alert') return printAlerts(client, name, format, io);
      if (kindName === 'silences' || kindName === 'silence') return printSilences(client, options.state, format, io);
      if (kindName === 'targets' || kindName === 'target') return printTargets(client, format, io);
      if (kindName === 'incidents' || kindName === 'incident') return printIncidents(client, options.state, format, io);
      if (kindName === 'tokens' || kindName === 'token') return printTokens(client, format, io);
      if (kindName === 'notifications' || kindName === 'notification') return printNotifications(client, { failed: options.failed }, format, io);
      if (kindName === 'signals') return printSignals(client, name, options, format, io);
      const kind = resolveKind(kindName);
      const objects = name === undefined ? await client.listObjects(kind.plural) : [await client.getObject(kind.plural, name)];
      if (objects.length === 0 && format === 'table') {
        io.err(`No ${kind.plural} yet. Apply some with: xops apply -f <file|dir>\n`);
        return;
      }
      if (kind.kind === 'SLO' && format === 'table') {
        io.out(formatSloStatusTable(objects, await fetchStatuses(client, objects)));
        return;
      }
      io.out(renderObjects(kind.kind, objects, format, name !== undefined));
    });
}

/** The latest status of each SLO; one the engine has not evaluated yet is simply absent. */
async function fetchStatuses(client: ApiClient, slos: readonly StoredObject[]): Promise<Map<string, SloStatusBody>> {
  const statuses = await Promise.all(slos.map(async (slo) => {
    try {
      return await client.getSloStatus(slo.name);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 409 || error.status === 503)) return undefined;
      throw error;
    }
  }));
  return new Map(statuses.flatMap((status) => (status === undefined ? [] : [[status.slo, status] as const])));
}
