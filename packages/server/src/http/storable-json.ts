import type { ValidationIssue } from './validator-compiler';

/** Deeper than any config document needs; deep enough JSON makes recursive code overflow the stack. */
const MAX_JSON_DEPTH = 64;

// A UTF-16 surrogate without its partner: JavaScript strings may hold one, UTF-8 cannot.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as it is, or undefined when it can. */
function unstorableText(text: string): string | undefined {
  // PostgreSQL text cannot hold U+0000 at all; SQLite can, but both engines must accept the same input.
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate, which is not valid Unicode';
  return undefined;
}

type Key = string | number;

/**
 * Finds the first part of a parsed JSON value that the store could not keep byte for byte:
 * a string or key `unstorableText` rejects, or nesting deeper than `MAX_JSON_DEPTH`.
 * Recursion stops at `MAX_JSON_DEPTH`, so hostile nesting cannot overflow the call stack; the
 * path is spelled out only for the part found (the hot path, every request's body, allocates nothing).
 * `depth` is that of `value` in the document it is part of, for a part checked on its own (0: the
 * whole document).
 */
export function findUnstorableJson(value: unknown, depth = 0): ValidationIssue | undefined {
  const path: Key[] = [];
  const message = unstorableIn(value, depth, path);
  return message === undefined ? undefined : { path: path.reverse(), message };
}

/** Why `value` (at `depth`) cannot be stored; on the way back out, the keys leading to it are pushed onto `path`, innermost first. */
function unstorableIn(value: unknown, depth: number, path: Key[]): string | undefined {
  if (typeof value === 'string') {
    const why = unstorableText(value);
    return why === undefined ? undefined : `The text ${why}.`;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_JSON_DEPTH) return `Nested deeper than ${MAX_JSON_DEPTH} levels.`;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const why = unstorableIn(value[index], depth + 1, path);
      if (why !== undefined) {
        path.push(index);
        return why;
      }
    }
    return undefined;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const keyWhy = unstorableText(key);
    const why = keyWhy === undefined ? unstorableIn(Reflect.get(value, key), depth + 1, path) : `The key ${keyWhy}.`;
    if (why !== undefined) {
      path.push(key);
      return why;
    }
  }
  return undefined;
}
