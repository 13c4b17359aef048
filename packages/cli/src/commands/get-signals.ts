import type { ApiClient, ServiceSignals } from '@xops/contracts';
import { stringify } from 'yaml';
import { UsageError } from '../cli-errors';
import type { CliIo } from '../cli-io';
import { formatTable } from '../output/format-table';
import { formatPercent } from '../output/percent';
import type { OutputFormat } from '../output/output-format';

/** The time range of `xops get signals`, as the user typed it (RFC 3339, epoch ms, `now-1h`; step `1m`). */
export interface SignalRange {
  readonly from?: string;
  readonly to?: string;
  readonly step?: string;
}

/** `xops get signals SERVICE`: requests/s, error ratio, latency p50/p90/p99 and saturation per step. */
export async function printSignals(client: ApiClient, service: string | undefined, range: SignalRange, format: OutputFormat, io: CliIo): Promise<void> {
  if (service === undefined) throw new UsageError('name the service: xops get signals SERVICE [--from now-1h] [--step 1m]');
  const body = await client.getServiceSignals(service, { from: range.from, to: range.to, step: range.step });
  if (format === 'json') return io.out(`${JSON.stringify(body, null, 2)}\n`);
  if (format === 'yaml') return io.out(stringify(body));
  if (body.declared.length === 0) {
    io.err(`Service "${service}" declares no golden signals: add xops.dev/requests, xops.dev/errors, xops.dev/latency or xops.dev/saturation annotations (see examples/demo/).\n`);
    return;
  }
  io.out(formatSignalTable(body));
}

const number = (value: number | null, digits: number): string => (value === null ? '-' : value.toFixed(digits));
const millis = (seconds: number | null): string => (seconds === null ? '-' : `${(seconds * 1000).toFixed(1)}ms`);

/** The signals as a table, one row per step. */
export function formatSignalTable(body: ServiceSignals): string {
  return formatTable(['AT', 'REQ/S', 'ERRORS', 'P50', 'P90', 'P99', 'SATURATION'], body.points.map((point) => [
    point.at, number(point.requestsPerSecond, 2), formatPercent(point.errorRatio),
    millis(point.latencyP50), millis(point.latencyP90), millis(point.latencyP99), formatPercent(point.saturation, 1),
  ]));
}
