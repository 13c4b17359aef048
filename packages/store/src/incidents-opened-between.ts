import type { Kysely } from 'kysely';
import { toIncidentRecord, type IncidentRecord } from './incident-records';
import type { XopsDatabase } from './xops-database';

/** Incidents opened in `[from, to)` (epoch ms), oldest first: what a report over that range counts. */
export async function listIncidentsOpenedBetween(db: Kysely<XopsDatabase>, from: number, to: number): Promise<IncidentRecord[]> {
  const rows = await db.selectFrom('incidents').selectAll()
    .where('created_at_ms', '>=', from).where('created_at_ms', '<', to)
    .orderBy('created_at_ms').orderBy('number').execute();
  return rows.map(toIncidentRecord);
}
