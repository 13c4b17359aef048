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

interface Frame {
  readonly children: Iterator<readonly [Key, unknown]>;
  /** The key of the child being visited, so the frames spell out the current path. */
  key: Key;
}

function* childrenOf(container: object): Generator<readonly [Key, unknown]> {
  if (Array.isArray(container)) {
    for (let index = 0; index < container.length; index += 1) yield [index, container[index]];
  } else {
    yield* Object.entries(container);
  }
}

/**
 * Finds the first part of a parsed JSON value that the store could not keep byte for byte:
 * a string or key `unstorableText` rejects, or nesting deeper than `MAX_JSON_DEPTH`.
 * Walks with an explicit stack of at most `MAX_JSON_DEPTH` frames, so hostile nesting cannot
 * overflow the call stack and a huge flat array costs no extra memory. `depth` is that of `value`
 * in the document it is part of, for a part checked on its own (0: the whole document).
 */
export function findUnstorableJson(value: unknown, depth = 0): ValidationIssue | undefined {
  const frames: Frame[] = [];
  const path = () => frames.map((frame) => frame.key);
  let current: unknown = value;
  for (;;) {
    if (typeof current === 'string') {
      const why = unstorableText(current);
      if (why) return { path: path(), message: `The text ${why}.` };
    } else if (typeof current === 'object' && current !== null) {
      if (depth + frames.length >= MAX_JSON_DEPTH) return { path: path(), message: `Nested deeper than ${MAX_JSON_DEPTH} levels.` };
      frames.push({ children: childrenOf(current), key: '' });
    }
    // Step to the next child not yet visited, climbing out of finished containers.
    for (;;) {
      const top = frames.at(-1);
      if (!top) return undefined;
      const step = top.children.next();
      if (step.done) {
        frames.pop();
        continue;
      }
      [top.key, current] = step.value;
      const why = typeof top.key === 'string' ? unstorableText(top.key) : undefined;
      if (why) return { path: path(), message: `The key ${why}.` };
      break;
    }
  }
}
