import type { ConfigProblem } from './config-object';
import { closestName } from './closest-name';

// Names from OpenSLO v2alpha (enhancements/v2alpha.md) that users bring to v1 files.
const V1_NAMES: Readonly<Record<string, string>> = {
  sli: 'indicator',
  sliRef: 'indicatorRef',
  dataSourceRef: 'metricSource.metricSourceRef',
};

/**
 * The message for a field the schema does not know: `unknown field \`targt\`: did you mean \`target\`? …`.
 * `allowed` are the fields valid at that place.
 */
export function unknownFieldMessage(key: string, allowed: readonly string[]): string {
  const v1Name = V1_NAMES[key];
  const suggestion = v1Name !== undefined && !allowed.includes(key)
    ? ` (OpenSLO v2alpha); openslo/v1 calls it \`${v1Name}\``
    : hint(closestName(key, allowed));
  return `unknown field \`${key}\`${suggestion}; fields allowed here: ${allowed.join(', ')}`;
}

/** The message for a mapping key that breaks its naming rule (label and annotation keys). */
export function invalidKeyMessage(key: string, rule: string): string {
  return `invalid key \`${key}\`: ${rule}`;
}

/**
 * True when the problem is about the last key of its path itself (an unknown field, a bad label
 * key), so an editor should point at the key rather than at its value.
 */
export function isKeyProblem(problem: ConfigProblem): boolean {
  return problem.message.startsWith('unknown field `') || problem.message.startsWith('invalid key `');
}

function hint(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : `: did you mean \`${suggestion}\`?`;
}
