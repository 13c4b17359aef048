import type { ApiClient, IncomingAlertBody } from '@xops/contracts';
import { stringify } from 'yaml';
import type { CliIo } from '../cli-io';
import { formatTable } from '../output/format-table';
import type { OutputFormat } from '../output/output-format';

/**
 * `xops get alerts --incoming`: the alerts the sources sent (Alertmanager, PagerDuty, generic
 * JSON, the SLO engine), newest first, with what routing did with each.
 */
export async function printIncomingAlerts(client: ApiClient, format: OutputFormat, io: CliIo): Promise<void> {
  const alerts = await client.listIncomingAlerts();
  if (format === 'json') return io.out(`${JSON.stringify(alerts, null, 2)}\n`);
  if (format === 'yaml') return io.out(stringify(alerts));
  if (alerts.length === 0) return io.err('No alerts received yet.\n');
  io.out(formatTable(['RECEIVED', 'SOURCE', 'FINGERPRINT', 'STATUS', 'ALERT', 'OUTCOME', 'INCIDENT'], alerts.map((alert) => [
    alert.receivedAt, alert.source, alert.fingerprint, alert.status, alert.summary, outcomeText(alert), alert.incident === null ? '-' : `#${alert.incident.number}`,
  ])));
}

/** `paged escalation-policy/payments`, `suppressed (silence:…)`, `unrouted`. */
function outcomeText(alert: IncomingAlertBody): string {
  if (alert.outcome === null) return '-';
  const target = alert.target === null ? '' : ` ${alert.target}`;
  const why = alert.outcome === 'suppressed' && alert.suppressedBy.length > 0 ? ` (${alert.suppressedBy.join(', ')})` : '';
  return `${alert.outcome}${target}${why}`;
}
