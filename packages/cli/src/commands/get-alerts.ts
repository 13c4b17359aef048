import type { ApiClient } from '@xops/contracts';
import { stringify } from 'yaml';
import type { CliIo } from '../cli-io';
import { formatTable } from '../output/format-table';
import type { OutputFormat } from '../output/output-format';
import { formatBurnRate } from '../output/percent';

/** `xops get alerts [slo]`: the SLO engine's alerts that are not inactive, firing first. */
export async function printAlerts(client: ApiClient, slo: string | undefined, format: OutputFormat, io: CliIo): Promise<void> {
  const order = { firing: 0, pending: 1, resolved: 2, inactive: 3 } as const;
  const alerts = (await client.listAlerts({ slo }))
    .filter((alert) => alert.status !== 'inactive')
    .sort((a, b) => order[a.status] - order[b.status] || a.slo.localeCompare(b.slo));
  if (format === 'json') return io.out(`${JSON.stringify(alerts, null, 2)}\n`);
  if (format === 'yaml') return io.out(stringify(alerts));
  if (alerts.length === 0) return io.err('No alerts: every SLO is within its burn-rate thresholds.\n');
  io.out(formatTable(['SLO', 'OBJECTIVE', 'RULE', 'STATUS', 'SEVERITY', 'SINCE', 'VALUE'], alerts.map((alert) => [
    alert.slo, alert.objective, alert.rule, alert.status, alert.severity,
    (alert.status === 'resolved' ? alert.resolvedAt : alert.firedAt ?? alert.activeSince) ?? '-',
    alert.value === null ? '-' : formatBurnRate(alert.value),
  ])));
}
