import {
  notificationChannelSchema, notificationMessageSchema, notificationStatusSchema,
  type NotificationChannel, type NotificationMessage, type NotificationStatus,
} from '@xops/contracts';
import type { Kysely, Selectable } from 'kysely';
import { appendIncidentEvents } from './incident-records';
import { runInTransaction } from './run-in-transaction';
import { timeOrderedId } from './time-ordered-id';
import type { OutboxTable, XopsDatabase } from './xops-database';
import type { StoreEngine } from './xops-store';

/** One notification to write to the outbox, in the transaction that decided to send it. */
export interface NewNotification {
  /**
   * What the notification is, e.g. `incident:<id>:level:<n>:round:<r>:<person>:<method>`
   * (ADR 0013): a second write with the same key is ignored, and receivers drop duplicates by it.
   */
  readonly idempotencyKey: string;
  readonly incidentId: string | null;
  readonly channel: NotificationChannel;
  /** A webhook URL (webhook, Slack, Teams) or an email address. */
  readonly destination: string;
  /** Who it is for, e.g. the person paged; null for a channel. */
  readonly recipient: string | null;
  readonly message: NotificationMessage;
  /** When it was decided, epoch ms; the first attempt is due then. */
  readonly createdAt: number;
}

/** Where a notify-only channel's messages go: the outbox channel and its URL or address. */
export type ChannelDestination = Pick<NewNotification, 'channel' | 'destination'>;

/** A notification as the outbox holds it; times are epoch ms. */
export interface NotificationRecord extends Omit<NewNotification, 'message'> {
  readonly id: string;
  /** Null when the stored payload is not a message this version reads (the row is then `failed`). */
  readonly message: NotificationMessage | null;
  readonly status: NotificationStatus;
  /** Attempts started so far: a claim counts one, so a sender that died mid-send counts too. */
  readonly attempts: number;
  /** When the next attempt is due (or, while claimed, when the claim lapses); null once delivered or failed. */
  readonly nextAttemptAt: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: number | null;
}

/** A notification handed to a sender: its message is one this version reads. */
export interface ClaimedNotification extends NotificationRecord {
  readonly message: NotificationMessage;
}

/** Filters of `listNotifications`; newest first, at most `limit` (1…1000, default 100). */
export interface NotificationQuery {
  readonly status?: NotificationStatus;
  readonly incidentId?: string;
  readonly limit?: number;
}

// 10 parameters a row: far below both engines' bind-parameter limits.
const ROWS_PER_STATEMENT = 500;
const LIST_LIMIT = { default: 100, max: 1000 } as const;
// Long enough for an SMTP transcript line or an HTTP body excerpt, short enough for a table.
const MAX_ERROR_LENGTH = 1000;

/**
 * Writes notifications to the outbox in the caller's transaction, `pending` and due at their
 * `createdAt`. A row whose idempotency key is already stored is skipped (`on conflict do nothing`,
 * on both engines), so a retried decision writes nothing twice. Returns the ids inserted.
 */
export async function enqueueNotifications(trx: Kysely<XopsDatabase>, rows: readonly NewNotification[]): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; offset < rows.length; offset += ROWS_PER_STATEMENT) {
    const values = rows.slice(offset, offset + ROWS_PER_STATEMENT).map((row) => ({
      id: timeOrderedId(),
      idempotency_key: row.idempotencyKey,
      incident_id: row.incidentId,
      channel: row.channel,
      destination: row.destination,
      recipient: row.recipient,
      payload: JSON.stringify(row.message),
      status: 'pending',
      next_attempt_at_ms: row.createdAt,
      created_at_ms: row.createdAt,
    }));
    const inserted = await trx.insertInto('outbox').values(values)
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .returning('id')
      .execute();
    ids.push(...inserted.map((row) => row.id));
  }
  return ids;
}

/**
 * Claims up to `limit` pending notifications due at `now` (oldest due first) for one delivery
 * pass: each gets one more attempt and its next attempt is pushed to `now + leaseMs`, so a sender
 * that dies mid-send leaves it to be claimed again then (at least once). On PostgreSQL, rows
 * another replica is claiming are skipped (`for update skip locked`); SQLite has one writer.
 */
export async function claimDueNotifications(
  db: Kysely<XopsDatabase>,
  engine: StoreEngine,
  claim: { now: number; limit: number; leaseMs: number },
): Promise<ClaimedNotification[]> {
  const { now, limit, leaseMs } = claim;
  if (!Number.isSafeInteger(now) || !Number.isSafeInteger(leaseMs) || leaseMs <= 0 || !Number.isSafeInteger(limit) || limit <= 0) {
    throw new RangeError(`a claim needs a whole-millisecond now, a positive leaseMs and limit, not ${now}, ${leaseMs} and ${limit}`);
  }
  return runInTransaction(db, { dryRun: false }, async (trx) => {
    // Two statements, not `update … where id in (select … skip locked)`: PostgreSQL may run such a
    // subquery more than once, locking rows the update then leaves out of this claim.
    const due = await trx.selectFrom('outbox').select('id')
      .where('status', '=', 'pending').where('next_attempt_at_ms', '<=', now)
      .orderBy('next_attempt_at_ms').orderBy('created_at_ms').orderBy('id')
      .limit(limit)
      .$if(engine === 'postgres', (qb) => qb.forUpdate().skipLocked())
      .execute();
    if (due.length === 0) return [];
    const rows = await trx.updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at_ms: now + leaseMs }))
      .where('id', 'in', due.map((row) => row.id))
      .where('status', '=', 'pending')
      .returningAll()
      .execute();
    const claimed = rows.map(toNotificationRecord);
    // A payload this version cannot read would fail on every pass: it fails once, here, instead.
    for (const record of claimed.filter((one) => one.message === null)) {
      await failRow(trx, record, 'the stored message is not one this version of xops can read', now);
    }
    return claimed.filter((one): one is ClaimedNotification => one.message !== null)
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  });
}

/** Marks a pending notification delivered at `now`; false when it was not pending (delivered or given up already). */
export async function markNotificationDelivered(db: Kysely<XopsDatabase>, id: string, now: number): Promise<boolean> {
  const result = await db.updateTable('outbox')
    .set({ status: 'delivered', delivered_at_ms: now, next_attempt_at_ms: null, last_error: null })
    .where('id', '=', id).where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Records a failed attempt of a pending notification: with `nextAttemptAt`, it is retried then;
 * with null, xops gives up: the row is `failed` and, when it belongs to an incident, a
 * `notification-failed` entry joins the incident's timeline at `now` in the same transaction.
 * False when the row was not pending.
 */
export async function markNotificationAttemptFailed(
  db: Kysely<XopsDatabase>,
  failure: { id: string; error: string; nextAttemptAt: number | null; now: number },
): Promise<boolean> {
  const error = failure.error.slice(0, MAX_ERROR_LENGTH);
  if (failure.nextAttemptAt !== null) {
    const result = await db.updateTable('outbox')
      .set({ next_attempt_at_ms: failure.nextAttemptAt, last_error: error })
      .where('id', '=', failure.id).where('status', '=', 'pending')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
  return runInTransaction(db, { dryRun: false }, async (trx) => {
    const row = await trx.selectFrom('outbox').selectAll().where('id', '=', failure.id).where('status', '=', 'pending').executeTakeFirst();
    if (row === undefined) return false;
    return failRow(trx, toNotificationRecord(row), error, failure.now);
  });
}

/** Notifications newest first (by creation, then id), optionally of one status and one incident. */
export async function listNotifications(db: Kysely<XopsDatabase>, query: NotificationQuery = {}): Promise<NotificationRecord[]> {
  const asked = Math.trunc(query.limit ?? LIST_LIMIT.default);
  const limit = Number.isNaN(asked) ? LIST_LIMIT.default : Math.min(Math.max(asked, 1), LIST_LIMIT.max);
  const rows = await db.selectFrom('outbox').selectAll()
    .$if(query.status !== undefined, (qb) => qb.where('status', '=', query.status ?? ''))
    .$if(query.incidentId !== undefined, (qb) => qb.where('incident_id', '=', query.incidentId ?? ''))
    .orderBy('created_at_ms', 'desc').orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toNotificationRecord);
}

async function failRow(trx: Kysely<XopsDatabase>, record: NotificationRecord, error: string, now: number): Promise<boolean> {
  const result = await trx.updateTable('outbox')
    .set({ status: 'failed', next_attempt_at_ms: null, last_error: error })
    .where('id', '=', record.id).where('status', '=', 'pending')
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return false;
  if (record.incidentId !== null) {
    const who = record.recipient === null ? record.channel : `${record.recipient} by ${record.channel}`;
    await appendIncidentEvents(trx, record.incidentId, [{
      at: now, kind: 'notification-failed', actor: 'xops',
      text: `Notification to ${who} failed after ${record.attempts} ${record.attempts === 1 ? 'attempt' : 'attempts'}: ${error}`,
      details: { notificationId: record.id, idempotencyKey: record.idempotencyKey, channel: record.channel, attempts: record.attempts, error },
    }]);
  }
  return true;
}

function toNotificationRecord(row: Selectable<OutboxTable>): NotificationRecord {
  const message = notificationMessageSchema.safeParse(safeJson(row.payload));
  return {
    id: row.id,
    idempotencyKey: row.idempotency_key,
    incidentId: row.incident_id,
    channel: notificationChannelSchema.parse(row.channel),
    destination: row.destination,
    recipient: row.recipient,
    message: message.success ? message.data : null,
    status: notificationStatusSchema.parse(row.status),
    attempts: Number(row.attempts),
    nextAttemptAt: numberOrNull(row.next_attempt_at_ms),
    lastError: row.last_error,
    createdAt: Number(row.created_at_ms),
    deliveredAt: numberOrNull(row.delivered_at_ms),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const numberOrNull = (value: number | null): number | null => (value === null ? null : Number(value));
