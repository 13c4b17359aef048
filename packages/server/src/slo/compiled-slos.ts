import { compileSloDefinition, validateConfigDocument, type CompileSloResult, type ConfigObject, type ObjectLookup, type StoredObject } from '@xops/contracts';
import type { SloDefinition } from '@xops/core';

/** The kinds an SLO definition is compiled from: a change to any of them may change an SLO. */
const SLO_INPUT_KINDS = new Set(['SLO', 'SLI', 'AlertPolicy', 'AlertCondition']);

/** Every SLO in the store compiled for the engine, with the SLOs that could not be and why. */
export interface CompiledSlos {
  /** Identifies the stored objects these were compiled from: equal fingerprints, equal definitions. */
  readonly fingerprint: string;
  readonly definitions: readonly SloDefinition[];
  /** SLO name → why it cannot be evaluated (a missing SLI, a bad annotation). */
  readonly errors: ReadonlyMap<string, string>;
}

/** The fingerprint of the objects SLOs are compiled from: kind, name and revision of each. */
export function sloInputFingerprint(objects: readonly StoredObject[]): string {
  return objects
    .filter((object) => SLO_INPUT_KINDS.has(object.kind))
    .map((object) => `${object.kind}/${object.name}@${object.revision}`)
    .join('\n');
}

/**
 * Looks objects up by kind and name among `objects`, each re-validated as it came out of the
 * database (a JSON column is input from outside: STYLE.md), so the compiler gets typed documents.
 */
export function storedObjectLookup(objects: readonly StoredObject[]): ObjectLookup {
  const byKey = new Map(objects.map((object) => [`${object.kind}/${object.name}`, object]));
  const validated = new Map<string, ConfigObject | undefined>();
  return (kind, name) => {
    const key = `${kind}/${name}`;
    if (!validated.has(key)) {
      const stored = byKey.get(key);
      const result = stored === undefined ? undefined : validateConfigDocument(stored.object);
      validated.set(key, result?.ok === true ? result.value : undefined);
    }
    return validated.get(key);
  };
}

/** Compiles every stored SLO; one that fails is reported in `errors` and leaves the others alone. */
export function compileStoredSlos(objects: readonly StoredObject[]): CompiledSlos {
  const lookup = storedObjectLookup(objects);
  const definitions: SloDefinition[] = [];
  const errors = new Map<string, string>();
  for (const stored of objects) {
    if (stored.kind !== 'SLO') continue;
    const document = lookup('SLO', stored.name);
    const result: CompileSloResult = document === undefined
      ? { ok: false, error: `SLO "${stored.name}": the stored document is no longer valid; apply it again` }
      : compileSloDefinition(document, lookup);
    if (result.ok) definitions.push(result.value);
    else errors.set(stored.name, result.error);
  }
  return { fingerprint: sloInputFingerprint(objects), definitions, errors };
}
