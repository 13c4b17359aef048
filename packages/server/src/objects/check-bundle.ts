import { validateBundle, validateConfigDocument, type ApplyDocument, type ConfigObject } from '@xops/contracts';
import type { ObjectWrite, XopsStore } from '@xops/store';
import { identityOf, objectKey } from './object-key';
import { storedKeys } from './stored-keys';

/** One problem of a bundle: which document (`index`, 0-based), which field (`path`), and why. */
export interface DocumentProblem {
  readonly index: number;
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** The document's file and first line, when the client sent its `source`. */
  readonly file?: string;
  readonly line?: number;
}

type CheckedBundle =
  | { readonly ok: true; readonly writes: readonly ObjectWrite[] }
  | { readonly ok: false; readonly problems: readonly DocumentProblem[] };

/**
 * Validates every document of a bundle and every reference between them (names defined twice
 * included), and turns a valid bundle into store writes. Reports all problems at once, ordered
 * by document. A reference resolves when the bundle or the store holds the object; a document
 * that is itself invalid still counts as present, so one mistake does not cascade into
 * "missing" errors elsewhere.
 */
export async function checkBundle(store: XopsStore, documents: readonly ApplyDocument[]): Promise<CheckedBundle> {
  const problems: DocumentProblem[] = [];
  const valid: { index: number; object: ConfigObject }[] = [];
  documents.forEach((document, index) => {
    const result = validateConfigDocument(document.object);
    if (result.ok) valid.push({ index, object: result.value });
    else problems.push(...result.problems.map((problem) => ({ index, path: problem.path, message: problem.message })));
  });

  const inBundle = new Set(documents.flatMap((document) => {
    const identity = identityOf(document.object);
    return identity ? [objectKey(identity.kind, identity.name)] : [];
  }));
  const objects = valid.map((entry) => entry.object);
  // validateBundle asks synchronously; find out first what it will ask, then fetch those.
  const asked: { kind: string; name: string }[] = [];
  validateBundle(objects, (kind, name) => {
    if (!inBundle.has(objectKey(kind, name))) asked.push({ kind, name });
    return true;
  });
  const inStore = await storedKeys(store, asked);
  const known = (kind: string, name: string) => inBundle.has(objectKey(kind, name)) || inStore.has(objectKey(kind, name));
  for (const { index, problem } of validateBundle(objects, known)) {
    problems.push({ index: valid[index]?.index ?? index, path: problem.path, message: problem.message });
  }

  if (problems.length > 0) {
    const located = problems.map((problem) => withSource(problem, documents[problem.index]));
    return { ok: false, problems: located.sort((a, b) => a.index - b.index) };
  }
  return {
    ok: true,
    writes: valid.map(({ index, object }) => {
      const source = documents[index]?.source;
      return {
        object,
        // Without the user's own text, the JSON they sent stands in for it.
        sourceText: source?.text ?? JSON.stringify(object, null, 2),
        sourceFile: source?.file ?? null,
      };
    }),
  };
}

function withSource(problem: DocumentProblem, document: ApplyDocument | undefined): DocumentProblem {
  const source = document?.source;
  return source ? { ...problem, file: source.file, line: source.line } : problem;
}

