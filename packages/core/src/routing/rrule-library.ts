import * as rruleModule from 'rrule';

/** The `rrule` package's exports: `RRule`, `rrulestr`, … */
export type RRuleLibrary = typeof rruleModule;

function isLibrary(value: unknown): value is RRuleLibrary {
  return typeof value === 'object' && value !== null && 'RRule' in value && typeof value.RRule === 'function';
}

const namespace: unknown = rruleModule;
const fallback: unknown = typeof namespace === 'object' && namespace !== null && 'default' in namespace ? namespace.default : undefined;

/**
 * The `rrule` library, whichever way it was loaded. Its package has no `exports` map: bundlers
 * take its ES module (`module` field) and get named exports, while Node (tsx, vitest's external
 * dependencies) loads its CommonJS build, whose exports arrive only as `default`.
 */
export const rruleLibrary: RRuleLibrary = isLibrary(namespace) ? namespace : isLibrary(fallback) ? fallback : failToLoad();

function failToLoad(): never {
  throw new Error('the rrule library loaded without its RRule export');
}
