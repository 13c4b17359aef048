import { z } from 'zod';
import type { ConfigProblem } from './config-object';
import { unknownFieldMessage } from './key-problem';

/** The outcome of checking a value against a config schema: the typed value, or every problem found. */
export type ConfigParseResult<T> = { ok: true; value: T } | { ok: false; problems: ConfigProblem[] };

/**
 * Parses `value` with `schema` and turns zod's issues into config problems whose messages say
 * what is wrong and how to fix it. Never throws for any input; all problems come at once.
 */
export function parseConfigValue<T>(schema: z.ZodType<T>, value: unknown): ConfigParseResult<T> {
  // Fields allowed where an unknown field was found, keyed by that place's path.
  const allowedAt = new Map<string, readonly string[]>();
  const result = schema.safeParse(value, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys' && issue.inst instanceof z.ZodObject) {
        allowedAt.set(pathKey(issue.path ?? []), Object.keys(issue.inst.shape));
      }
      return messageFor(issue);
    },
  });
  if (result.success) return { ok: true, value: result.data };
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  const add = (problem: ConfigProblem): void => {
    const key = `${pathKey(problem.path)}\u0000${problem.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push(problem);
  };
  for (const issue of result.error.issues) {
    const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedAt.get(pathKey(path)) ?? [];
      for (const key of issue.keys) add({ path: [...path, key], message: unknownFieldMessage(key, allowed) });
    } else {
      add({ path, message: issue.message });
    }
  }
  return { ok: false, problems };
}

/** A short English description of a YAML/JSON value for messages: `the text "abc"`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (value === undefined) return 'missing';
  if (typeof value === 'string') return `the text "${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'number') return Number.isNaN(value) ? 'not a number (NaN)' : `the number ${value}`;
  if (typeof value === 'boolean') return `\`${String(value)}\``;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: '`true` or `false`',
  object: 'a mapping of fields',
  record: 'a mapping',
  array: 'a list',
};

function messageFor(issue: z.core.$ZodRawIssue): string {
  const field = fieldLabel(issue.path ?? []);
  const hint = describedHint(issue.schema ?? (issue.inst instanceof z.ZodType ? issue.inst : undefined));
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `${field} is required${hint}`;
      if (issue.expected === 'never') return `${field} is not allowed here`;
      return `${field} must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeValue(issue.input)}${hint}`;
    case 'too_small':
      return tooSmallMessage(field, issue.origin, Number(issue.minimum), issue, hint);
    case 'too_big':
      return tooBigMessage(field, issue.origin, Number(issue.maximum), issue, hint);
    case 'invalid_value': {
      const allowed = `${issue.values.length === 1 ? '' : 'one of '}${issue.values.map((v) => `\`${String(v)}\``).join(', ')}`;
      if (issue.input === undefined) return `${field} is required${hint === '' ? `: ${allowed}` : hint}`;
      return `${field} must be ${allowed}, not ${quoted(issue.input)}`;
    }
    case 'invalid_key':
      return issue.issues[0]?.message ?? `${field} has an invalid key`;
    case 'unrecognized_keys':
      return `unknown fields ${issue.keys.join(', ')}`; // split into one problem per key by the caller
    case 'invalid_union':
      return `${field} has none of the accepted shapes${hint}`;
    default:
      return `${field} is not valid${hint}`;
  }
}

function tooSmallMessage(
  field: string, origin: string, minimum: number, issue: { readonly input?: unknown; readonly inclusive?: boolean; readonly exact?: boolean }, hint: string,
): string {
  if (origin === 'array') {
    const count = Array.isArray(issue.input) ? issue.input.length : 0;
    if (issue.exact === true) return `${field} takes exactly ${items(minimum)}, not ${count}`;
    return `${field} needs at least ${items(minimum)}`;
  }
  if (origin === 'string') return minimum <= 1 ? `${field} must not be empty${hint}` : `${field} must have at least ${minimum} characters`;
  return `${field} must be ${issue.inclusive === true ? 'at least' : 'greater than'} ${minimum}, not ${quoted(issue.input)}${hint}`;
}

function tooBigMessage(
  field: string, origin: string, maximum: number, issue: { readonly input?: unknown; readonly inclusive?: boolean; readonly exact?: boolean }, hint: string,
): string {
  if (origin === 'array') {
    const count = Array.isArray(issue.input) ? issue.input.length : 0;
    return `${field} takes ${issue.exact === true ? 'exactly' : 'at most'} ${items(maximum)}, not ${count}`;
  }
  if (origin === 'string') {
    const length = typeof issue.input === 'string' ? issue.input.length : 0;
    return `${field} is ${length} characters long; at most ${maximum} are allowed`;
  }
  return `${field} must be ${issue.inclusive === true ? 'at most' : 'less than'} ${maximum}, not ${quoted(issue.input)}${hint}`;
}

/** `target` for `['spec','objectives',0,'target']`, `objectives[0]` for `['spec','objectives',0]`. */
function fieldLabel(path: readonly PropertyKey[]): string {
  let index = path.length - 1;
  let suffix = '';
  while (index >= 0 && typeof path[index] === 'number') {
    suffix = `[${String(path[index])}]${suffix}`;
    index--;
  }
  return index < 0 ? (suffix === '' ? 'the document' : `item ${suffix}`) : `\`${String(path[index])}\`${suffix}`;
}

function describedHint(schema: z.core.$ZodType | undefined): string {
  const description = schema === undefined ? undefined : z.globalRegistry.get(schema)?.description;
  return description === undefined ? '' : `: ${description}`;
}

function items(count: number): string {
  return count === 1 ? 'one item' : `${count} items`;
}

function quoted(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? `\`${value}\`` : describeValue(value);
}

function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('\u0000');
}
