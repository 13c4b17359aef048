import type { ApplyOutcome } from '@xops/contracts';
import type { Kysely } from 'kysely';
import { appendAuditEntry } from './audit-log';
import { canonicalJson } from './canonical-json';
import { readRowForUpdate } from './config-objects';
import type { XopsDatabase } from './xops-database';
import type { ObjectWrite, StoreEngine } from './xops-store';

/** What a batch of writes needs besides the writes: where, who, and when. */
export interface ObjectBatchContext {
  /** A transaction: the batch is all or nothing only if every write shares one. */
  readonly trx: Kysely<XopsDatabase>;
  readonly engine: StoreEngine;
  readonly actor: string;
  /** ISO-8601 UTC time the batch is stamped with. */
  readonly at: string;
}

/**
 * Applies `writes` in order, each against what the batch has written so far (so a name given
 * twice in one batch is created, then compared with that). Per write: no stored row → `created`
 * at revision 1; stored document deep-equal by canonical JSON → `unchanged`, nothing written;
 * otherwise `configured` at the next revision. Each write that changes a row appends its audit
 * entry in the same transaction.
 */
export async function applyObjectWrites(context: ObjectBatchContext, writes: readonly ObjectWrite[]): Promise<ApplyOutcome[]> {
  const outcomes: ApplyOutcome[] = [];
  for (const write of writes) outcomes.push(await applyOne(context, write));
  return outcomes;
}

// Tries to create the row when it is missing; if a concurrent transaction inserted the same key
// in between (PostgreSQL waits for it to commit), reads the row again and compares with that.
const MAX_ATTEMPTS = 3;

async function applyOne(context: ObjectBatchContext, write: ObjectWrite): Promise<ApplyOutcome> {
  const { trx, engine, actor, at } = context;
  const ref = { kind: write.object.kind, name: write.object.metadata.name };
  // Throws before anything is written for a document JSON cannot hold (a BigInt, a cycle).
  const document = JSON.stringify(write.object);
  const canonical = canonicalJson(write.object);
  const columns = {
    api_version: write.object.apiVersion,
    document,
    source_text: write.sourceText,
    source_file: write.sourceFile,
    applied_by: actor,
    updated_at: at,
  };

  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const stored = await readRowForUpdate(trx, engine, ref);
    if (stored !== undefined) {
      if (canonicalJson(JSON.parse(stored.document)) === canonical) {
        return { ...ref, action: 'unchanged', revision: stored.revision };
      }
      const revision = stored.revision + 1;
      await trx.updateTable('config_objects').set({ ...columns, revision })
        .where('kind', '=', ref.kind).where('name', '=', ref.name)
        .execute();
      await appendAuditEntry(trx, { actor, action: 'object.replace', ...ref, details: { revision } }, at);
      return { ...ref, action: 'configured', revision };
    }
    const inserted = await trx.insertInto('config_objects')
      .values({ ...ref, ...columns, revision: 1, created_at: at })
      .onConflict((oc) => oc.columns(['kind', 'name']).doNothing())
      .returning('revision')
      .executeTakeFirst();
    if (inserted !== undefined) {
      await appendAuditEntry(trx, { actor, action: 'object.create', ...ref, details: { revision: 1 } }, at);
      return { ...ref, action: 'created', revision: 1 };
    }
  }
  throw new Error(`${ref.kind} ${ref.name} kept changing under a concurrent apply; try again`);
}
