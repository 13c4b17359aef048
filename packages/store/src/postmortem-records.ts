import { postmortemDocumentSchema, postmortemStatusSchema, type PostmortemDocument, type PostmortemStatus } from '@xops/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { PostmortemsTable, XopsDatabase } from './xops-database';

/** An incident's postmortem as stored; times are epoch ms. */
export interface PostmortemRecord {
  readonly incidentId: string;
  /** Null when the stored document is not one this version reads. */
  readonly document: PostmortemDocument | null;
  readonly status: PostmortemStatus;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly updatedBy: string;
}

/** A postmortem to write: the whole document and its status. */
export interface PostmortemWrite {
  readonly incidentId: string;
  readonly document: PostmortemDocument;
  readonly status: PostmortemStatus;
  readonly actor: string;
  readonly now: number;
}

/**
 * Stores the draft of an incident's postmortem unless it has one already (one per incident, as
 * PagerDuty's reviews), and returns the one stored: a draft made twice, by two replicas or a
 * retried resolve, keeps the first.
 */
export async function insertPostmortemDraft(db: Kysely<XopsDatabase>, draft: PostmortemWrite): Promise<PostmortemRecord> {
  await db.insertInto('postmortems').values({
    incident_id: draft.incidentId, document: JSON.stringify(draft.document), status: draft.status,
    created_at_ms: draft.now, updated_at_ms: draft.now, updated_by: draft.actor,
  }).onConflict((oc) => oc.column('incident_id').doNothing()).execute();
  const stored = await getPostmortemRecord(db, draft.incidentId);
  if (stored === undefined) throw new Error(`the postmortem of incident ${draft.incidentId} vanished as it was written`);
  return stored;
}

export async function getPostmortemRecord(db: Kysely<XopsDatabase>, incidentId: string): Promise<PostmortemRecord | undefined> {
  const row = await db.selectFrom('postmortems').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
  return row && toPostmortemRecord(row);
}

/** Replaces a stored postmortem's document and status; undefined when the incident has none. */
export async function updatePostmortemRecord(db: Kysely<XopsDatabase>, write: PostmortemWrite): Promise<PostmortemRecord | undefined> {
  const result = await db.updateTable('postmortems')
    .set({ document: JSON.stringify(write.document), status: write.status, updated_at_ms: write.now, updated_by: write.actor })
    .where('incident_id', '=', write.incidentId).executeTakeFirst();
  return result.numUpdatedRows === 0n ? undefined : getPostmortemRecord(db, write.incidentId);
}

function toPostmortemRecord(row: Selectable<PostmortemsTable>): PostmortemRecord {
  const document = postmortemDocumentSchema.safeParse(safeJson(row.document));
  const status = postmortemStatusSchema.safeParse(row.status);
  return {
    incidentId: row.incident_id,
    document: document.success ? document.data : null,
    status: status.success ? status.data : 'draft',
    createdAt: Number(row.created_at_ms),
    updatedAt: Number(row.updated_at_ms),
    updatedBy: row.updated_by,
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
