import type { AlertStatus, AlertTransition } from '@xops/core';
import type { Kysely } from 'kysely';
import { SLO_ALERTS_CURSOR } from './migrations/0007-alert-intake';
import type { XopsDatabase } from './xops-database';

/** One recorded transition of an SLO alert, with its id: the order the SLO engine recorded it in. */
export interface NumberedAlertTransition {
  readonly id: number;
  readonly transition: AlertTransition;
}

const STATUSES: readonly AlertStatus[] = ['inactive', 'pending', 'firing', 'resolved'];

/**
 * Where the SLO alert source stands: the id of the last transition it took in (the
 * `change_counters` row `slo-alerts`, moved in the transaction that takes them in).
 */
export async function readSloAlertCursor(db: Kysely<XopsDatabase>): Promise<number> {
  const row = await db.selectFrom('change_counters').select('value').where('name', '=', SLO_ALERTS_CURSOR).executeTakeFirst();
  if (row === undefined) throw new Error(`the change counter "${SLO_ALERTS_CURSOR}" is missing: the database was not migrated by xops`);
  return Number(row.value);
}

/**
 * Transitions recorded after id `afterId`, in id order, at most `limit`. The SLO engine writes
 * them under its lease, one transaction at a time, so ids become visible in order and a reader
 * that moves past an id never misses a smaller one committed later.
 */
export async function readAlertTransitionsAfter(db: Kysely<XopsDatabase>, afterId: number, limit: number): Promise<NumberedAlertTransition[]> {
  const rows = await db.selectFrom('alert_transitions').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((row) => ({
    id: Number(row.id),
    transition: {
      slo: row.slo, objective: row.objective, rule: row.rule, at: Number(row.at),
      from: STATUSES.find((status) => status === row.from_status) ?? 'inactive',
      to: STATUSES.find((status) => status === row.to_status) ?? 'inactive',
      severity: row.severity, value: row.value === null ? null : Number(row.value),
    },
  }));
}
