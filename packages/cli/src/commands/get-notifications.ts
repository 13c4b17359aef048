import type { ApiClient, NotificationBody } from '@xops/contracts';
import { stringify } from 'yaml';
import type { CliIo } from '../cli-io';
import { formatTable } from '../output/format-table';
import type { OutputFormat } from '../output/output-format';

/** `xops get notifications [--failed]`: the notification outbox, newest first; `--failed` lists what xops gave up delivering. */
export async function printNotifications(client: ApiClient, options: { failed?: boolean }, format: OutputFormat, io: CliIo): Promise<void> {
  const notifications = await client.listNotifications(options.failed ? { status: 'failed' } : {});
  if (format === 'json') return io.out(`${JSON.stringify(notifications, null, 2)}\n`);
  if (format === 'yaml') return io.out(stringify(notifications));
  if (notifications.length === 0) return io.err(options.failed ? 'No failed notifications.\n' : 'No notifications yet.\n');
  io.out(formatTable(['WHEN', 'INCIDENT', 'CHANNEL', 'RECIPIENT', 'STATUS', 'ATTEMPTS', 'LAST ERROR'], notifications.map((notification) => [
    notification.createdAt,
    notification.incident === null ? '-' : `#${notification.incident.number}`,
    notification.channel,
    notification.recipient ?? notification.destination,
    statusText(notification),
    String(notification.attempts),
    notification.lastError ?? '-',
  ])));
}

/** `pending` says when it is tried next: `pending (next 12:00:05Z)`. */
function statusText(notification: NotificationBody): string {
  if (notification.status !== 'pending' || notification.nextAttemptAt === null) return notification.status;
  return `pending (next ${notification.nextAttemptAt.slice(11, 19)}Z)`;
}
