import { matchesAll, type LabelMatcher } from './label-matcher';
import type { TrackedAlert } from './tracked-alert';

/**
 * An inhibition rule (Alertmanager `<inhibit_rule>`): while an alert matching `sourceMatchers`
 * fires, alerts matching `targetMatchers` that have the same values for every label of `equal`
 * notify no one. E.g. a region-down alert mutes the service alerts of that region.
 */
export interface InhibitRule {
  readonly name: string;
  readonly sourceMatchers: readonly LabelMatcher[];
  readonly targetMatchers: readonly LabelMatcher[];
  readonly equal: readonly string[];
}

/** One reason an alert is inhibited: the rule, and the firing alert that inhibits it. */
export interface Inhibition {
  readonly rule: string;
  readonly source: string;
}

/**
 * Why `target` is inhibited by the `firing` alerts, one entry per rule that inhibits it; empty
 * when nothing does. As Alertmanager's inhibit/inhibit.go: a label missing on one side counts as
 * equal to an empty one, and an alert that matches both sides of a rule cannot be inhibited by
 * alerts that also match both, so no alert inhibits itself.
 *
 * @example inhibitionsOf(serviceAlert, [{ name: 'region-down', sourceMatchers: [...], targetMatchers: [...], equal: ['region'] }], firing)
 *   // → [{ rule: 'region-down', source: '1e2f…' }]
 */
export function inhibitionsOf(target: TrackedAlert, rules: readonly InhibitRule[], firing: readonly TrackedAlert[]): Inhibition[] {
  const found: Inhibition[] = [];
  for (const rule of rules) {
    if (!matchesAll(rule.targetMatchers, target.labels)) continue;
    const twoSided = matchesAll(rule.sourceMatchers, target.labels);
    const source = firing.find((candidate) => candidate.fingerprint !== target.fingerprint
      && matchesAll(rule.sourceMatchers, candidate.labels)
      && !(twoSided && matchesAll(rule.targetMatchers, candidate.labels))
      && rule.equal.every((name) => labelValue(candidate, name) === labelValue(target, name)));
    if (source !== undefined) found.push({ rule: rule.name, source: source.fingerprint });
  }
  return found;
}

function labelValue(alert: TrackedAlert, name: string): string {
  return Object.hasOwn(alert.labels, name) ? alert.labels[name] ?? '' : '';
}
