import type { AlertOutcome } from '@xops/contracts';
import type { Kysely } from 'kysely';
import type { AlertReport, IntakeAlertResult } from './alert-intake';
import { rowFiresAt, type AlertRow } from './alerts';
import type { IncidentRecord } from './incident-records';
import type { XopsDatabase } from './xops-database';

export async function incidentNumbers(trx: Kysely<XopsDatabase>, rows: readonly (AlertRow | undefined)[], known: ReadonlyMap<string, IncidentRecord>): Promise<Map<string, number>> {
  const numbers = new Map<string, number>([...known.values()].map((incident) => [incident.id, incident.number]));
  const missing = [...new Set(rows.flatMap((row) => (row?.incident_id == null || numbers.has(row.incident_id) ? [] : [row.incident_id])))];
  if (missing.length > 0) {
    const found = await trx.selectFrom('incidents').select(['id', 'number']).where('id', 'in', missing).execute();
    for (const row of found) numbers.set(row.id, Number(row.number));
  }
  return numbers;
}

export function intakeAlertResult(report: AlertReport, row: AlertRow | undefined, numbers: ReadonlyMap<string, number>, now: number): IntakeAlertResult {
  const { source, dedupKey } = report;
  if (row === undefined) return { source, dedupKey, fingerprint: null, status: null, outcome: null, incident: null };
  const number = row.incident_id === null ? undefined : numbers.get(row.incident_id);
  return {
    source,
    dedupKey,
    fingerprint: row.fingerprint,
    status: rowFiresAt(row, now) ? 'firing' : 'resolved',
    outcome: row.outcome === null ? null : outcomeOf(row.outcome),
    incident: row.incident_id === null || number === undefined ? null : { id: row.incident_id, number },
  };
}

const OUTCOMES = new Map<string, AlertOutcome>(
  (['unrouted', 'waiting', 'paged', 'notified', 'ticket', 'suppressed', 'undelivered'] as const).map((outcome) => [outcome, outcome]),
);

/** The outcome of an `outcome` column (`notified:channel/ops`, `unrouted`); null for one not known. */
function outcomeOf(column: string): AlertOutcome | null {
  const colon = column.indexOf(':');
  return OUTCOMES.get(colon === -1 ? column : column.slice(0, colon)) ?? null;
}
