import { matcherRegex, type LabelMatcher, type MatchOp } from '@xops/core';
import { z } from 'zod';

/** The outcome of reading one matcher: the matcher, or what is wrong with the text. */
export type ParseAlertMatcherResult = { readonly ok: true; readonly value: LabelMatcher } | { readonly ok: false; readonly error: string };

/** Longer matchers are refused: one is a label, an operator and a value. */
export const MAX_MATCHER_LENGTH = 1024;

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const OPS: readonly MatchOp[] = ['=~', '!~', '!=', '='];
// Go's escapes in a double-quoted string, which Alertmanager's parser unquotes with strconv.Unquote.
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"' };
const EXAMPLE = 'e.g. service="checkout" or severity=~"page|critical"';

/**
 * Reads one Alertmanager matcher (docs/configuration.md "Label matchers"): a label name, one of
 * `=`, `!=`, `=~`, `!~`, and a value, double-quoted (with `\"`, `\\`, `\n`, `\t`, `\r` escapes)
 * or bare (no spaces, quotes, commas or braces). Strictly: one matcher per text, no braces, and
 * an empty value written `""`. Regexes are RE2's, anchored (`^(?:…)$`); what RE2 lacks
 * (lookaround, backreferences) is refused. Never throws.
 *
 * @example parseAlertMatcher('severity=~"page|critical"') // → { ok: true, value: { name: 'severity', op: '=~', value: 'page|critical' } }
 */
export function parseAlertMatcher(text: string): ParseAlertMatcherResult {
  if (text.length > MAX_MATCHER_LENGTH) return fail(`a matcher has at most ${MAX_MATCHER_LENGTH} characters`);
  const source = text.trim();
  if (source === '') return fail(`a matcher is empty: write one such as ${EXAMPLE}`);
  if (source.startsWith('{')) return fail(`write one matcher per list item, without braces: ${EXAMPLE}`);
  const name = LABEL_NAME.exec(source)?.[0];
  if (name === undefined) {
    if (source.startsWith('"')) return fail(`a label name is not quoted: write service="checkout", not "service"="checkout"`);
    return fail(`a matcher starts with a label name (letters, digits and _, not starting with a digit), found \`${source.charAt(0)}\`: ${EXAMPLE}`);
  }
  let at = skipSpace(source, name.length);
  const op = OPS.find((candidate) => source.startsWith(candidate, at));
  if (op === undefined || source.startsWith('==', at) || source.startsWith('=!', at)) return fail(operatorProblem(name, source.slice(at)));
  at = skipSpace(source, at + op.length);
  const value = source.charAt(at) === '"' ? quotedValue(source, at) : bareValue(source, at);
  if (!value.ok) return value;
  if (op === '=~' || op === '!~') {
    const regex = matcherRegex(value.value);
    if (!regex.ok) return fail(regex.error);
  }
  return { ok: true, value: { name, op, value: value.value } };
}

function operatorProblem(name: string, rest: string): string {
  if (rest === '') return `\`${name}\` needs an operator and a value: ${name}="…" (or !=, =~, !~)`;
  if (rest.startsWith('==')) return '`==` is not an operator: use = for equality, =~ for a regex';
  if (rest.startsWith('~=')) return '`~=` is not an operator: did you mean =~ (regex match)?';
  if (rest.startsWith('=!')) return '`=!` is not an operator: did you mean != (not equal)?';
  return `expected an operator (=, !=, =~ or !~) after \`${name}\`, found \`${rest.charAt(0)}\``;
}

function quotedValue(source: string, start: number): { ok: true; value: string } | { ok: false; error: string } {
  let value = '';
  for (let at = start + 1; at < source.length; at++) {
    const char = source.charAt(at);
    if (char === '"') {
      const rest = source.slice(at + 1).trim();
      if (rest === '') return { ok: true, value };
      return fail(rest.startsWith(',') ? 'write one matcher per list item: found `,` after the value' : `unexpected \`${rest.charAt(0)}\` after the quoted value`);
    }
    if (char === '\\') {
      const escaped = source.charAt(at + 1);
      const replacement = ESCAPES[escaped];
      if (replacement === undefined) return fail(`unknown escape \`\\${escaped}\` in a quoted value: use \\" \\\\ \\n \\t or \\r (a regex escape such as \\d is written \\\\d)`);
      value += replacement;
      at++;
      continue;
    }
    value += char;
  }
  return fail('the quoted value is never closed: add the closing "');
}

function bareValue(source: string, start: number): { ok: true; value: string } | { ok: false; error: string } {
  const value = source.slice(start);
  if (value === '') return fail(`the value is empty: write ${source.slice(0, start).trim()}"" to match alerts without the label`);
  const bad = /[\s"'`,{}]/.exec(value)?.[0];
  if (bad === ',') return fail('write one matcher per list item: found `,` in the value (quote it if it belongs there)');
  if (bad !== undefined) return fail(`a value with ${/\s/.test(bad) ? 'spaces' : `\`${bad}\``} must be double-quoted: ${source.slice(0, start).trim()}"…"`);
  return { ok: true, value };
}

function skipSpace(source: string, at: number): number {
  let index = at;
  while (index < source.length && /\s/.test(source.charAt(index))) index++;
  return index;
}

function fail(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

/** zod schema for one matcher string, checked with `parseAlertMatcher`; the text is kept as written. */
export const alertMatcherSchema = z.string().superRefine((text, ctx) => {
  const parsed = parseAlertMatcher(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `matcher \`${text.length > 60 ? `${text.slice(0, 60)}…` : text}\`: ${parsed.error}` });
}).describe(`a label matcher, ${EXAMPLE}`);

/** zod schema for a list of matchers; all must match. */
export const alertMatchersSchema = z.array(alertMatcherSchema).max(64);

/** Reads matchers that `alertMatchersSchema` accepted; throws on one it would refuse (a caller's bug). */
export function parseAlertMatchers(texts: readonly string[]): LabelMatcher[] {
  return texts.map((text) => {
    const parsed = parseAlertMatcher(text);
    if (!parsed.ok) throw new Error(`unchecked matcher ${JSON.stringify(text)}: ${parsed.error}`);
    return parsed.value;
  });
}
