import { isAlias, isCollection, isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';

/** A 1-based line and column in a file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * Where the field at `path` of a parsed YAML document is written. Points at the value, except at
 * the key when `atKey` (an unknown field) or when the value is a mapping or list (so a problem
 * about `objectives` points at `objectives:`). When the path does not exist (a missing field), points
 * at the deepest part that does: the key of the enclosing field, or the start of a list item.
 */
export function yamlPosition(doc: Document.Parsed, lineCounter: LineCounter, path: readonly (string | number)[], atKey: boolean): Position {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? doc.range[0];
  for (let depth = 0; depth < path.length; depth++) {
    const segment = path[depth];
    if (isAlias(node)) node = node.resolve(doc);
    let keyStart: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) break;
      keyStart = rangeStart(pair.key);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      node = node.items[segment];
    } else {
      break;
    }
    const valueStart = rangeStart(node);
    const last = depth === path.length - 1;
    const preferKey = !last || atKey || isCollection(node) || valueStart === undefined;
    offset = (preferKey ? keyStart ?? valueStart : valueStart ?? keyStart) ?? offset;
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line: Math.max(line, 1), column: Math.max(col, 1) };
}

function rangeStart(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range = node.range;
  return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : undefined;
}
