import { readFile } from 'node:fs/promises';
import { isScalar, LineCounter, parseAllDocuments, type Document } from 'yaml';
import {
  isKeyProblem, validateBundle, validateConfigDocument,
  type ConfigObject, type ConfigProblem, type LocatedConfigProblem,
} from '@xops/contracts';
import { documentText } from './document-text';
import { describeFsError, findConfigFiles } from './find-config-files';
import { isCircular } from './is-circular';
import { yamlPosition } from './yaml-position';

/** One valid document and where it came from: `line` is its first line, `text` its own text. */
export interface LoadedDocument {
  readonly object: ConfigObject;
  readonly source: { readonly file: string; readonly line: number; readonly text: string };
}

/** Every document when all of them are valid, else every problem of every file. */
export type LoadConfigResult =
  | { ok: true; documents: LoadedDocument[] }
  | { ok: false; problems: LocatedConfigProblem[] };

/** Where relative paths start, and what exists besides the files. */
export interface LoadConfigOptions {
  /** Relative paths are resolved against this directory (default: the process's). */
  readonly cwd?: string;
  /** Whether an object outside the files exists, e.g. on the server; references to it resolve. */
  readonly known?: (kind: string, name: string) => boolean;
}

/** A document that took part in the bundle check: valid, or invalid but with a usable shape. */
interface BundleEntry {
  readonly object: ConfigObject;
  readonly source: LoadedDocument['source'];
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** Paths the document check already reported; `undefined` for a valid document. */
  readonly reported?: ReadonlySet<string>;
}

interface LoadState {
  readonly entries: BundleEntry[];
  readonly problems: LocatedConfigProblem[];
  /** Kinds and names of invalid documents that cannot join the bundle check; they still count as present. */
  readonly invalidNames: Set<string>;
}

/**
 * Reads OpenSLO and xops config files (`paths` are files or directories, walked for `.yaml`,
 * `.yml`, `.json`), checks every document and then the whole bundle (duplicates, references).
 * Problems carry file, line, column and field path, sorted by file, line, column. Never throws.
 *
 * @example const loaded = await loadConfigFiles(['examples/'], { known: () => false });
 */
export async function loadConfigFiles(paths: readonly string[], options: LoadConfigOptions = {}): Promise<LoadConfigResult> {
  const found = await findConfigFiles(paths, options.cwd ?? process.cwd());
  const state: LoadState = { entries: [], problems: found.problems, invalidNames: new Set() };
  for (const { file, absolute } of found.files) {
    let text: string;
    try {
      text = await readFile(absolute, 'utf8');
    } catch (error) {
      state.problems.push({ file, line: 1, column: 1, path: [], message: `cannot read this file: ${describeFsError(error)}` });
      continue;
    }
    readDocuments(file, text, state);
  }
  const known = options.known ?? (() => false);
  // Invalid documents with a usable shape take part too, so that one run lists their broken
  // references as well; problems their own check already reported at the same path are not repeated.
  const bundleProblems = validateBundle(state.entries.map((entry) => entry.object), (kind, name) => state.invalidNames.has(`${kind}/${name}`) || known(kind, name));
  for (const { index, problem } of bundleProblems) {
    const entry = state.entries[index];
    if (entry === undefined || entry.reported?.has(pathKey(problem.path)) === true) continue;
    state.problems.push(locate(entry.source.file, entry.doc, entry.lineCounter, problem));
  }
  const { problems } = state;
  if (problems.length > 0) {
    const fileOrder = new Map(found.files.map(({ file }, index) => [file, index]));
    const order = (file: string): number => fileOrder.get(file) ?? -1; // unreadable paths first
    problems.sort((a, b) => order(a.file) - order(b.file) || a.line - b.line || a.column - b.column);
    return { ok: false, problems };
  }
  return { ok: true, documents: state.entries.map(({ object, source }) => ({ object, source })) };
}

function readDocuments(file: string, text: string, state: LoadState): void {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  let previousEnd = 0;
  for (const [index, doc] of docs.entries()) {
    // The last document runs to the end of the file, so trailing comments and newline stay with it.
    const end = index === docs.length - 1 ? text.length : doc.range[2];
    const { text: ownText, start } = documentText(text, previousEnd, end);
    previousEnd = end;
    const fail = (problem: ConfigProblem): void => {
      state.problems.push(locate(file, doc, lineCounter, problem));
    };
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        state.problems.push({ file, line: Math.max(line, 1), column: Math.max(col, 1), path: [], message: `invalid YAML: ${error.message}` });
      }
      continue;
    }
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      fail({ path: [], message: `invalid YAML: ${error instanceof Error ? error.message : String(error)}` });
      continue;
    }
    if (isCircular(value)) {
      fail({ path: [], message: 'invalid YAML: an alias refers to the node that contains it, so the document would be infinitely deep' });
      continue;
    }
    const source = { file, line: Math.max(lineCounter.linePos(start).line, 1), text: ownText };
    const checked = validateConfigDocument(value);
    if (checked.ok) {
      state.entries.push({ object: checked.value, source, doc, lineCounter });
      continue;
    }
    checked.problems.forEach(fail);
    const partial = partialObject(value);
    if (partial === undefined) {
      const identity = identityOf(value);
      if (identity !== undefined) state.invalidNames.add(identity);
    } else {
      state.entries.push({ object: partial, source, doc, lineCounter, reported: new Set(checked.problems.map((problem) => pathKey(problem.path))) });
    }
  }
}

/** An invalid document as a ConfigObject when it has a kind, a name and a spec mapping; else `undefined`. */
function partialObject(value: unknown): ConfigObject | undefined {
  if (!isPlainRecord(value) || !isPlainRecord(value.metadata) || !isPlainRecord(value.spec)) return undefined;
  const { apiVersion, kind } = value;
  const { name } = value.metadata;
  if (typeof kind !== 'string' || typeof name !== 'string') return undefined;
  return { apiVersion: typeof apiVersion === 'string' ? apiVersion : '', kind, metadata: { name }, spec: value.spec };
}

function identityOf(value: unknown): string | undefined {
  const kind = isPlainRecord(value) ? value.kind : undefined;
  const name = isPlainRecord(value) && isPlainRecord(value.metadata) ? value.metadata.name : undefined;
  return typeof kind === 'string' && typeof name === 'string' ? `${kind}/${name}` : undefined;
}

function locate(file: string, doc: Document.Parsed, lineCounter: LineCounter, problem: ConfigProblem): LocatedConfigProblem {
  const { line, column } = yamlPosition(doc, lineCounter, problem.path, isKeyProblem(problem));
  return { file, line, column, path: problem.path, message: problem.message };
}

function pathKey(path: readonly (string | number)[]): string {
  return JSON.stringify(path);
}

function isPlainRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
