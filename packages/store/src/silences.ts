import { randomUUID } from 'node:crypto';
import { parseAlertMatchers } from '@xops/contracts';
import type { Silence } from '@xops/core';
import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import { appendAuditEntry } from './audit-log';
import type { SilencesTable, XopsDatabase } from './xops-database';

/** A silence to store; times are epoch ms. */
export interface NewSilence {
  /** Alertmanager matcher texts, already checked (`alertMatcherSchema`). */
  readonly matchers: readonly string[];
  readonly startsAt: number;
  /** Null when it ends only with its alert (`untilResolved`). */
  readonly endsAt: number | null;
  readonly untilResolved: { readonly fingerprint: string; readonly startsAt: number } | null;
  readonly comment: string;
  readonly createdBy: string;
}

/** A silence as stored. `expiredAt` is set when it was expired by hand or ended with its alert. */
export interface SilenceRecord extends NewSilence {
  readonly id: string;
  readonly createdAt: number;
  readonly expiredAt: number | null;
}

const MATCHER_TEXTS = z.array(z.string());

/** Stores a silence and its audit entry (`silence.create`) in one transaction. */
export async function insertSilence(trx: Kysely<XopsDatabase>, silence: NewSilence, now: number): Promise<SilenceRecord> {
  const row: Selectable<SilencesTable> = {
    id: randomUUID(),
    matchers: JSON.stringify(silence.matchers),
    starts_at_ms: silence.startsAt,
    ends_at_ms: silence.endsAt,
    until_resolved: silence.untilResolved?.fingerprint ?? null,
    until_resolved_starts_at_ms: silence.untilResolved?.startsAt ?? null,
    comment: silence.comment,
    created_by: silence.createdBy,
    created_at_ms: now,
    expired_at_ms: null,
  };
  await trx.insertInto('silences').values(row).execute();
  await appendAuditEntry(trx, {
    actor: silence.createdBy, action: 'silence.create', kind: 'Silence', name: row.id,
    details: { matchers: silence.matchers, startsAt: silence.startsAt, endsAt: silence.endsAt, untilResolved: silence.untilResolved, comment: silence.comment },
  }, new Date(now).toISOString());
  return toSilenceRecord(row);
}

/** Silences newest first (at most 1000). */
export async function listSilenceRecords(db: Kysely<XopsDatabase>): Promise<SilenceRecord[]> {
  const rows = await db.selectFrom('silences').selectAll().orderBy('created_at_ms', 'desc').orderBy('id', 'desc').limit(1000).execute();
  return rows.map(toSilenceRecord);
}

export async function getSilenceRecord(db: Kysely<XopsDatabase>, id: string): Promise<SilenceRecord | undefined> {
  const row = await db.selectFrom('silences').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSilenceRecord(row);
}

/**
 * Expires a silence at `now` (Alertmanager's DELETE), with its audit entry; a silence already
 * expired keeps its first expiry. Undefined when there is no such silence.
 */
export async function expireSilenceRecord(trx: Kysely<XopsDatabase>, expiry: { id: string; actor: string; now: number }): Promise<SilenceRecord | undefined> {
  const { id, actor, now } = expiry;
  const updated = await trx.updateTable('silences').set({ expired_at_ms: now }).where('id', '=', id).where('expired_at_ms', 'is', null).executeTakeFirst();
  const found = await getSilenceRecord(trx, id);
  if (found !== undefined && updated.numUpdatedRows > 0n) {
    await appendAuditEntry(trx, { actor, action: 'silence.expire', kind: 'Silence', name: id }, new Date(now).toISOString());
  }
  return found;
}

/** Marks silences "until resolved" whose alert resolved as expired at `now`, in the caller's transaction. */
export async function endSilences(trx: Kysely<XopsDatabase>, ids: readonly string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('silences').set({ expired_at_ms: now }).where('id', 'in', [...ids]).where('expired_at_ms', 'is', null).execute();
}

/**
 * The silences that may mute something at `now` or later, for the router: not expired by hand,
 * and not past their end. Those "until resolved" are left to the router, which knows the alert.
 */
export async function loadRoutingSilences(trx: Kysely<XopsDatabase>, now: number): Promise<Silence[]> {
  const rows = await trx.selectFrom('silences').selectAll()
    .where('expired_at_ms', 'is', null)
    .where((eb) => eb.or([eb('ends_at_ms', 'is', null), eb('ends_at_ms', '>', now)]))
    .execute();
  return rows.flatMap((row) => {
    const record = toSilenceRecord(row);
    const matchers = safeMatchers(record.matchers);
    if (matchers === undefined) return [];
    return [{
      id: record.id, matchers, startsAt: record.startsAt, endsAt: record.endsAt,
      ...(record.untilResolved === null ? {} : { untilResolved: record.untilResolved }),
    }];
  });
}

function toSilenceRecord(row: Selectable<SilencesTable>): SilenceRecord {
  const matchers = MATCHER_TEXTS.safeParse(safeJson(row.matchers));
  return {
    id: row.id,
    matchers: matchers.success ? matchers.data : [],
    startsAt: Number(row.starts_at_ms),
    endsAt: row.ends_at_ms === null ? null : Number(row.ends_at_ms),
    untilResolved: row.until_resolved === null ? null : { fingerprint: row.until_resolved, startsAt: Number(row.until_resolved_starts_at_ms ?? row.starts_at_ms) },
    comment: row.comment,
    createdBy: row.created_by,
    createdAt: Number(row.created_at_ms),
    expiredAt: row.expired_at_ms === null ? null : Number(row.expired_at_ms),
  };
}

// A stored matcher this version cannot read mutes nothing, rather than failing every intake.
function safeMatchers(texts: readonly string[]): Silence['matchers'] | undefined {
  try {
    return texts.length === 0 ? undefined : parseAlertMatchers(texts);
  } catch {
    return undefined;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
