import type { AlertGroup } from '@xops/core';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { XopsDatabase } from './xops-database';

const KEYS_PER_STATEMENT = 500;

const timingsSchema = z.object({ groupWaitMs: z.number(), groupIntervalMs: z.number(), repeatIntervalMs: z.number() });
const targetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('escalation-policy'), name: z.string() }),
  z.object({ kind: z.literal('channel'), name: z.string() }),
  z.object({ kind: z.literal('ticket'), project: z.string() }),
]);

/** The routing state machine's `AlertGroup` as the `state` column holds it (JSON, so checked on the way in). */
const alertGroupSchema = z.object({
  key: z.string(),
  tree: z.string(),
  routeKey: z.string(),
  labels: z.record(z.string(), z.string()),
  target: targetSchema,
  timings: timingsSchema,
  members: z.array(z.string()),
  createdAt: z.number(),
  nextFlushAt: z.number(),
  flushed: z.boolean(),
  lastNotifiedAt: z.number().nullable(),
  lastFiring: z.array(z.string()),
  open: z.array(z.string()),
  heldBack: z.array(z.string()),
});

/**
 * The stored groups of these keys, by key. A row whose state this version cannot read is left
 * out, so its group starts afresh rather than failing every request that touches it.
 */
export async function loadAlertGroups(trx: Kysely<XopsDatabase>, keys: Iterable<string>): Promise<Map<string, AlertGroup>> {
  const groups = new Map<string, AlertGroup>();
  const all = [...new Set(keys)];
  for (let offset = 0; offset < all.length; offset += KEYS_PER_STATEMENT) {
    const rows = await trx.selectFrom('alert_groups').select(['group_key', 'state']).where('group_key', 'in', all.slice(offset, offset + KEYS_PER_STATEMENT)).execute();
    for (const row of rows) {
      const parsed = alertGroupSchema.safeParse(safeJson(row.state));
      if (parsed.success && parsed.data.key === row.group_key) groups.set(row.group_key, parsed.data);
    }
  }
  return groups;
}

/** Writes groups (their state and next timer) and removes the ones that ended, in the caller's transaction. */
export async function saveAlertGroups(
  trx: Kysely<XopsDatabase>,
  change: { readonly saved: readonly { group: AlertGroup; incidentId: string | null }[]; readonly removed: readonly string[]; readonly now: number },
): Promise<void> {
  const { saved, removed, now } = change;
  for (let offset = 0; offset < saved.length; offset += 100) {
    await trx.insertInto('alert_groups').values(saved.slice(offset, offset + 100).map(({ group, incidentId }) => ({
      group_key: group.key,
      route: group.routeKey,
      group_labels: JSON.stringify(group.labels),
      target: JSON.stringify(group.target),
      state: JSON.stringify(group),
      next_at_ms: group.nextFlushAt,
      incident_id: incidentId,
      updated_at_ms: now,
    }))).onConflict((oc) => oc.column('group_key').doUpdateSet((eb) => ({
      state: eb.ref('excluded.state'),
      next_at_ms: eb.ref('excluded.next_at_ms'),
      incident_id: eb.fn.coalesce('excluded.incident_id', 'alert_groups.incident_id'),
      updated_at_ms: eb.ref('excluded.updated_at_ms'),
    }))).execute();
  }
  for (let offset = 0; offset < removed.length; offset += KEYS_PER_STATEMENT) {
    await trx.deleteFrom('alert_groups').where('group_key', 'in', removed.slice(offset, offset + KEYS_PER_STATEMENT)).execute();
  }
}

/** Keys of the groups whose timer is due at `now`, the longest waiting first. */
export async function listDueAlertGroups(db: Kysely<XopsDatabase>, now: number, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('alert_groups').select('group_key')
    .where('next_at_ms', '<=', now)
    .orderBy('next_at_ms').orderBy('group_key')
    .limit(limit)
    .execute();
  return rows.map((row) => row.group_key);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
