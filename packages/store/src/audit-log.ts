import type { AuditEntry } from '@xops/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, XopsDatabase } from './xops-database';
import type { NewAuditEntry } from './xops-store';

/** Entries per page when the caller names no limit, and the most it may ask for. */
const AUDIT_PAGE = { default: 100, max: 1000 } as const;

/**
 * Appends one entry at `at` (ISO-8601 UTC). Pass a transaction to make the entry part of the
 * change it records. Throws a `TypeError` when `details` cannot be written as JSON.
 */
export async function appendAuditEntry(db: Kysely<XopsDatabase>, entry: NewAuditEntry, at: string): Promise<void> {
  await db.insertInto('audit_log').values({
    at,
    actor: entry.actor,
    action: entry.action,
    kind: entry.kind ?? null,
    name: entry.name ?? null,
    // JSON.stringify yields undefined (not text) for undefined and functions: store no details.
    details: JSON.stringify(entry.details) ?? null,
  }).execute();
}

/**
 * Newest first. `limit` is clamped to 1…1000 (default 100); `before` returns only entries with
 * a smaller id, so passing the last id of a page fetches the next one.
 */
export async function listAuditEntries(
  db: Kysely<XopsDatabase>,
  options: { limit?: number; before?: number } = {},
): Promise<AuditEntry[]> {
  const asked = Math.trunc(options.limit ?? AUDIT_PAGE.default);
  const limit = Number.isNaN(asked) ? AUDIT_PAGE.default : Math.min(Math.max(asked, 1), AUDIT_PAGE.max);
  const { before } = options;
  const rows = await db.selectFrom('audit_log')
    .selectAll()
    .$if(before !== undefined, (qb) => qb.where('id', '<', before ?? 0))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toAuditEntry);
}

function toAuditEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    kind: row.kind,
    name: row.name,
    details: row.details === null ? null : JSON.parse(row.details),
  };
}
