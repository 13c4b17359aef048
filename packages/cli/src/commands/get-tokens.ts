import type { ApiClient } from '@xops/contracts';
import { stringify } from 'yaml';
import type { CliIo } from '../cli-io';
import { formatTable } from '../output/format-table';
import type { OutputFormat } from '../output/output-format';

/** `xops get tokens` and `xops token list`: every token with its role or scopes (admin only). */
export async function printTokens(client: ApiClient, format: OutputFormat, io: CliIo): Promise<void> {
  const tokens = await client.listTokens();
  if (format === 'json') return io.out(`${JSON.stringify(tokens, null, 2)}\n`);
  if (format === 'yaml') return io.out(stringify(tokens));
  io.out(formatTable(['NAME', 'ROLE', 'SCOPES', 'CREATED', 'CREATED BY'], tokens.map((token) => [
    token.name, 'role' in token ? token.role : '-', 'scopes' in token ? token.scopes.join(',') : '-', token.createdAt, token.createdBy,
  ])));
}
