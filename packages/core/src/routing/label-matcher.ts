import type { Result } from '../result';

/** The labels of an alert: its identity (Alertmanager's label set). */
export type LabelSet = Readonly<Record<string, string>>;

/** Alertmanager's four matcher operators: equal, not equal, regex match, regex non-match. */
export type MatchOp = '=' | '!=' | '=~' | '!~';

/** One label matcher, e.g. `{ name: 'severity', op: '=~', value: 'page|critical' }`. */
export interface LabelMatcher {
  readonly name: string;
  readonly op: MatchOp;
  readonly value: string;
}

// Backreferences and lookaround are JavaScript's, not RE2's: Alertmanager would read such a
// regex differently or refuse it.
const NOT_RE2 = /\(\?<?[=!]|\\[1-9]|\\k</;
const CASE_INSENSITIVE = '(?i)';

const compiled = new Map<string, Result<RegExp, string>>();
// Bounds the memo: matchers come from config and silences, a few thousand at most.
const MAX_COMPILED = 10_000;

/**
 * The regex of an `=~` or `!~` matcher, fully anchored as Alertmanager's (`^(?:value)$`, `.`
 * matching newlines as RE2's `s` flag does). A leading `(?i)`, common in Alertmanager configs,
 * makes it case-insensitive; lookaround and backreferences, which RE2 lacks, are refused.
 * Memoised, so matching a label set costs no compilation.
 *
 * @example matcherRegex('page|critical') // → { ok: true, value: /^(?:page|critical)$/su }
 */
export function matcherRegex(value: string): Result<RegExp, string> {
  const known = compiled.get(value);
  if (known !== undefined) return known;
  const result = compileRegex(value);
  if (compiled.size >= MAX_COMPILED) compiled.clear();
  compiled.set(value, result);
  return result;
}

function compileRegex(value: string): Result<RegExp, string> {
  const insensitive = value.startsWith(CASE_INSENSITIVE);
  const source = insensitive ? value.slice(CASE_INSENSITIVE.length) : value;
  if (NOT_RE2.test(source)) return { ok: false, error: `the regex ${JSON.stringify(value)} uses lookaround or a backreference, which Alertmanager's RE2 does not have` };
  if (/\(\?[a-zA-Z]/.test(source)) return { ok: false, error: `the regex ${JSON.stringify(value)} uses an inline flag: only a leading (?i) is supported` };
  try {
    return { ok: true, value: new RegExp(`^(?:${source})$`, insensitive ? 'sui' : 'su') };
  } catch (error) {
    return { ok: false, error: `the regex ${JSON.stringify(value)} does not compile: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * True when `labels` satisfy the matcher. A label the alert lacks reads as `""`, as in
 * Alertmanager, so `team!="x"` matches an alert without `team` and `team=""` matches only such
 * alerts. A regex that does not compile matches nothing (config checks refuse it earlier).
 */
export function matchesLabel(matcher: LabelMatcher, labels: LabelSet): boolean {
  const value = Object.hasOwn(labels, matcher.name) ? labels[matcher.name] ?? '' : '';
  switch (matcher.op) {
    case '=': return value === matcher.value;
    case '!=': return value !== matcher.value;
    case '=~': {
      const regex = matcherRegex(matcher.value);
      return regex.ok && regex.value.test(value);
    }
    case '!~': {
      const regex = matcherRegex(matcher.value);
      return regex.ok && !regex.value.test(value);
    }
  }
}

/** True when every matcher matches; no matchers match everything. */
export function matchesAll(matchers: readonly LabelMatcher[], labels: LabelSet): boolean {
  return matchers.every((matcher) => matchesLabel(matcher, labels));
}

/** A matcher as Alertmanager writes it: `severity=~"page|critical"`. */
export function formatMatcher(matcher: LabelMatcher): string {
  return `${matcher.name}${matcher.op}${JSON.stringify(matcher.value)}`;
}

/** Matchers as Alertmanager writes a route's in its group keys: `{service="cart",severity="page"}`. */
export function formatMatchers(matchers: readonly LabelMatcher[]): string {
  return `{${matchers.map(formatMatcher).join(',')}}`;
}
