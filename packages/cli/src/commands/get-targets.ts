import type { ApiClient } from '@xops/contracts';
import { stringify } from 'yaml';
import type { CliIo } from '../cli-io';
import { formatTable } from '../output/format-table';
import type { OutputFormat } from '../output/output-format';

/** `xops get targets`: the scrape targets with their health, then why a telemetry selector counts nothing. */
export async function printTargets(client: ApiClient, format: OutputFormat, io: CliIo): Promise<void> {
  const body = await client.listTargets();
  if (format === 'json') return io.out(`${JSON.stringify(body, null, 2)}\n`);
  if (format === 'yaml') return io.out(stringify(body));
  if (body.targets.length === 0) io.err('No scrape targets: apply a DataSource with `type: prometheus-scrape` (see examples/telemetry/).\n');
  else {
    io.out(formatTable(['DATASOURCE', 'URL', 'HEALTH', 'LAST SCRAPE', 'DURATION', 'SAMPLES', 'ERROR'], body.targets.map((target) => [
      target.dataSource, target.url, target.health, target.lastScrape ?? '-',
      target.lastDurationMs === null ? '-' : `${target.lastDurationMs}ms`, String(target.samples), target.lastError ?? '-',
    ])));
    if (!body.scraping) io.err('This server does not hold the scrape lease: another replica scrapes, so the health above is not live.\n');
  }
  for (const problem of body.problems) io.err(`warning: ${problem}\n`);
}
