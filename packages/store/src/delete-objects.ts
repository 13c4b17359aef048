import type { ApplyOutcome } from '@xops/contracts';
import { appendAuditEntry } from './audit-log';
import type { ObjectBatchContext } from './apply-objects';
import { readRowForUpdate } from './config-objects';

/**
 * Deletes the named objects in order: a stored one is `deleted` and reports the revision it had;
 * a missing one (or one named twice) is `unchanged` at revision 0. Each deletion appends an
 * `object.delete` audit entry in the same transaction.
 */
export async function deleteObjectRefs(
  context: ObjectBatchContext,
  refs: readonly { kind: string; name: string }[],
): Promise<ApplyOutcome[]> {
  const { trx, engine, actor, at } = context;
  const outcomes: ApplyOutcome[] = [];
  for (const { kind, name } of refs) {
    const stored = await readRowForUpdate(trx, engine, { kind, name });
    if (stored === undefined) {
      outcomes.push({ kind, name, action: 'unchanged', revision: 0 });
      continue;
    }
    await trx.deleteFrom('config_objects').where('kind', '=', kind).where('name', '=', name).execute();
    await appendAuditEntry(trx, { actor, action: 'object.delete', kind, name, details: { revision: stored.revision } }, at);
    outcomes.push({ kind, name, action: 'deleted', revision: stored.revision });
  }
  return outcomes;
}
