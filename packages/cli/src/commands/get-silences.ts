import type { ApiClient } from '@xops/contracts';
import { stringify } from 'yaml';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { formatTable } from '../output/format-table';
import type { OutputFormat } from '../output/output-format';
import { endText } from './silence-command';

const STATES = ['pending', 'active', 'expired'] as const;

/** `xops get silences [--state active]`: silences newest first, with their matchers and end. */
export async function printSilences(client: ApiClient, state: string | undefined, format: OutputFormat, io: CliIo): Promise<void> {
  const wanted = STATES.find((known) => known === state);
  if (state !== undefined && wanted === undefined) throw new UsageError(`--state ${state}: give one of ${STATES.join(', ')}`);
  const silences = await client.listSilences(wanted === undefined ? {} : { state: wanted });
  if (format === 'json') return io.out(`${JSON.stringify(silences, null, 2)}\n`);
  if (format === 'yaml') return io.out(stringify(silences));
  if (silences.length === 0) return io.err('No silences. Create one with: xops silence create --matcher \'service="cart"\' --for 2h --comment "…"\n');
  io.out(formatTable(['ID', 'STATE', 'MATCHERS', 'ENDS', 'BY', 'COMMENT'], silences.map((silence) => [
    silence.id, silence.state, silence.matchers.join(', '), endText(silence), silence.createdBy, silence.comment,
  ])));
}
