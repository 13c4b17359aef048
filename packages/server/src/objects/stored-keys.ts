import type { XopsStore } from '@xops/store';
import { objectKey } from './object-key';

// Past this many names of one kind, one listing is cheaper than a lookup per name.
const LOOKUPS_PER_KIND = 20;

/**
 * Which of `refs` exist in the store, as `objectKey`s. Looks each one up, or lists the kind
 * when a bundle names many of it, so a 10,000-document apply costs a handful of queries.
 */
export async function storedKeys(store: XopsStore, refs: Iterable<{ kind: string; name: string }>): Promise<Set<string>> {
  const namesByKind = new Map<string, Set<string>>();
  for (const { kind, name } of refs) {
    const names = namesByKind.get(kind) ?? new Set<string>();
    names.add(name);
    namesByKind.set(kind, names);
  }
  const found = new Set<string>();
  for (const [kind, names] of namesByKind) {
    if (names.size > LOOKUPS_PER_KIND) {
      for (const object of await store.listObjects(kind)) found.add(objectKey(object.kind, object.name));
      continue;
    }
    for (const name of names) {
      if (await store.getObject(kind, name)) found.add(objectKey(kind, name));
    }
  }
  return found;
}
