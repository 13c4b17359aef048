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
  const guess = closestName(key, allowed);
  const lead = v1Name !== undefined && !allowed.includes(key)
    ? `: that is OpenSLO v2alpha; openslo/v1 calls it \`${v1Name}\`. Allowed here`
    : guess === undefined ? '; allowed here' : `: did you mean \`${guess}\`? Allowed here`;
  return `unknown field \`${key}\`${lead}: ${allowed.join(', ')}`;
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
