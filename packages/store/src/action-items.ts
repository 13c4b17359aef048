import type { Kysely, Selectable } from 'kysely';
import { getIncidentRecord } from './incident-records';
import type { ActionItemsTable, XopsDatabase } from './xops-database';

/** Whether an action item still needs doing. */
export type ActionItemStatus = 'open' | 'done';

/** One follow-up of an incident; times are epoch ms, `due` a calendar day `YYYY-MM-DD`. */
export interface ActionItemRecord {
  /** `<incident number>-<n>`, e.g. `4-2`: short enough to type. */
  readonly id: string;
  readonly incidentId: string;
  readonly title: string;
  readonly owner: string;
  readonly due: string;
  readonly status: ActionItemStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface NewActionItem {
  readonly title: string;
  readonly owner: string;
  readonly due: string;
}

export type ActionItemPatch = Partial<NewActionItem> & { readonly status?: ActionItemStatus };

/**
 * Adds an action item to an incident (by id), numbered after the incident's others, in the
 * caller's transaction with the incident's row locked (`lock`, PostgreSQL), so two added at once
 * get different numbers. Undefined when there is no such incident.
 */
export async function insertActionItem(trx: Kysely<XopsDatabase>, incidentId: string, item: NewActionItem, options: { now: number; lock: boolean }): Promise<ActionItemRecord | undefined> {
  const incident = await getIncidentRecord(trx, incidentId, options.lock);
  if (incident === undefined) return undefined;
  const ids = await trx.selectFrom('action_items').select('id').where('incident_id', '=', incident.id).execute();
  const taken = ids.map((row) => Number(/-(\d+)$/.exec(row.id)?.[1] ?? 0));
  const row: Selectable<ActionItemsTable> = {
    id: `${incident.number}-${Math.max(0, ...taken) + 1}`, incident_id: incident.id, title: item.title, owner: item.owner, due_date: item.due,
    status: 'open', created_at_ms: options.now, updated_at_ms: options.now,
  };
  await trx.insertInto('action_items').values(row).execute();
  return toActionItemRecord(row);
}

/** An incident's action items in the order they were added. */
export async function listActionItemRecords(db: Kysely<XopsDatabase>, incidentId: string): Promise<ActionItemRecord[]> {
  const rows = await db.selectFrom('action_items').selectAll().where('incident_id', '=', incidentId)
    .orderBy('created_at_ms').orderBy('id').execute();
  return rows.map(toActionItemRecord);
}

/** Changes what `patch` gives of one action item of one incident; undefined when there is no such item. */
export async function updateActionItemRecord(db: Kysely<XopsDatabase>, incidentId: string, id: string, patch: ActionItemPatch, now: number): Promise<ActionItemRecord | undefined> {
  const result = await db.updateTable('action_items').set({
    ...(patch.title === undefined ? {} : { title: patch.title }),
    ...(patch.owner === undefined ? {} : { owner: patch.owner }),
    ...(patch.due === undefined ? {} : { due_date: patch.due }),
    ...(patch.status === undefined ? {} : { status: patch.status }),
    updated_at_ms: now,
  }).where('incident_id', '=', incidentId).where('id', '=', id).executeTakeFirst();
  if (result.numUpdatedRows === 0n) return undefined;
  const row = await db.selectFrom('action_items').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toActionItemRecord(row);
}

/** False when there was no such item. */
export async function deleteActionItemRecord(db: Kysely<XopsDatabase>, incidentId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('action_items').where('incident_id', '=', incidentId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** How many open action items each of `incidentIds` has; incidents with none are absent. */
export async function countOpenActionItems(db: Kysely<XopsDatabase>, incidentIds: readonly string[]): Promise<Map<string, number>> {
  if (incidentIds.length === 0) return new Map();
  const rows = await db.selectFrom('action_items')
    .select((eb) => ['incident_id', eb.fn.countAll<number | string | bigint>().as('open')])
    .where('status', '=', 'open').where('incident_id', 'in', [...incidentIds])
    .groupBy('incident_id').execute();
  return new Map(rows.map((row) => [row.incident_id, Number(row.open)]));
}

/** Open action items due before `today` (`YYYY-MM-DD`), the most overdue first. */
export async function listOverdueActionItemRecords(db: Kysely<XopsDatabase>, today: string): Promise<ActionItemRecord[]> {
  // `YYYY-MM-DD` text sorts as the days do.
  const rows = await db.selectFrom('action_items').selectAll()
    .where('status', '=', 'open').where('due_date', '<', today)
    .orderBy('due_date').orderBy('created_at_ms').orderBy('id').execute();
  return rows.map(toActionItemRecord);
}

function toActionItemRecord(row: Selectable<ActionItemsTable>): ActionItemRecord {
  return {
    id: row.id, incidentId: row.incident_id, title: row.title, owner: row.owner, due: row.due_date,
    status: row.status === 'done' ? 'done' : 'open', createdAt: Number(row.created_at_ms), updatedAt: Number(row.updated_at_ms),
  };
}
