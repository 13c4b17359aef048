import type { ApplyOutcome, KindInfo, StoredObject } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import { XopsError } from '../http/xops-error';
import { checkBundle, type DocumentProblem } from './check-bundle';
import { configInvalidError } from './config-invalid-error';
import { identityOf } from './object-key';

export interface WriteOneOptions {
  readonly store: XopsStore;
  /** The kind the route serves; the document must be of it. */
  readonly info: KindInfo;
  readonly document: unknown;
  readonly actor: string;
  /** `create` refuses to replace an existing object; `replace` needs the name to match the URL. */
  readonly mode: { readonly type: 'create' } | { readonly type: 'replace'; readonly name: string };
}

/**
 * Creates or replaces one object through a per-kind route: the same checks as an apply of a
 * one-document bundle, plus the route's own (kind of the URL, name of the URL). Returns what the
 * store did and the object as stored.
 */
export async function writeOneObject(options: WriteOneOptions): Promise<{ outcome: ApplyOutcome; stored: StoredObject }> {
  const { store, info, document, actor, mode } = options;
  const checked = await checkBundle(store, [{ object: document }]);
  const problems = [...routeProblems(info, document, mode), ...(checked.ok ? [] : checked.problems)];
  if (problems.length > 0 || !checked.ok) throw configInvalidError(problems);

  const [write] = checked.writes;
  if (!write) throw new Error('a checked one-document bundle has no write');
  const name = write.object.metadata.name;
  if (mode.type === 'create' && await store.getObject(info.kind, name)) {
    throw new XopsError('XOPS_ERR_CONFLICT', `${info.kind} "${name}" already exists; PUT /api/v1/${info.plural}/${name} replaces it.`);
  }
  const [outcome] = await store.applyObjects([write], actor);
  const stored = await store.getObject(info.kind, name);
  if (!outcome || !stored) throw new Error(`${info.kind} "${name}" was written but cannot be read back`);
  return { outcome, stored };
}

function routeProblems(info: KindInfo, document: unknown, mode: WriteOneOptions['mode']): DocumentProblem[] {
  const identity = identityOf(document);
  if (!identity) return [];
  const problems: DocumentProblem[] = [];
  if (identity.kind !== info.kind) {
    problems.push({ index: 0, path: ['kind'], message: `/api/v1/${info.plural} takes ${info.kind} documents, not "${identity.kind}".` });
  }
  if (mode.type === 'replace' && identity.name !== mode.name) {
    problems.push({ index: 0, path: ['metadata', 'name'], message: `The name must match the URL: expected "${mode.name}", got "${identity.name}".` });
  }
  return problems;
}
