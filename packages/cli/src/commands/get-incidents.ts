import type { ApiClient } from '@xops/contracts';
import { stringify } from 'yaml';
import type { CliIo } from '../cli-io';
import { formatIncidentTable } from '../output/incident-text';
import type { OutputFormat } from '../output/output-format';

/** `xops get incidents [--state open]`: incidents newest first, or those in one state. */
export async function printIncidents(client: ApiClient, state: string | undefined, format: OutputFormat, io: CliIo): Promise<void> {
  const incidents = await client.listIncidents({ state });
  if (format === 'json') return io.out(`${JSON.stringify(incidents, null, 2)}\n`);
  if (format === 'yaml') return io.out(stringify(incidents));
  if (incidents.length === 0) return io.err(`No ${state === undefined ? '' : `${state} `}incidents. Declare one with: xops incident declare TITLE --severity SEV2\n`);
  io.out(formatIncidentTable(incidents));
}
