/**
 * The JSON text of `value` with object keys sorted at every depth, so two documents that are
 * deep-equal as JSON give the same text whatever their key order.
 * Throws a `TypeError` for what JSON cannot hold (a BigInt, a cycle), as `JSON.stringify` does.
 *
 * @example canonicalJson({ b: 1, a: { d: [2], c: 3 } }) === '{"a":{"c":3,"d":[2]},"b":1}'
 */
export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError(`a ${typeof value} is not a JSON value`);
  // Going through JSON.parse first leaves plain JSON (no toJSON, undefined or cycles to handle).
  return JSON.stringify(JSON.parse(text), sortKeys);
}

function sortKeys(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}
