/**
 * PromQL instant-vector selectors, e.g. `http_requests_total{service="checkout",code!~"5.."}`:
 * how an SLI fed by xops telemetry names the series it counts (issue 4). The grammar is
 * Prometheus's (promql/parser/lex.go): a metric name, then optionally `{label op "value", …}`
 * with `=`, `!=`, `=~`, `!~`, strings in double, single or back quotes, a trailing comma allowed.
 * Regexes are fully anchored, as in Prometheus; JavaScript's engine runs them, so the RE2
 * features JavaScript lacks and the JavaScript ones RE2 lacks (lookaround, backreferences) are refused.
 */

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  readonly label: string;
  readonly op: MatchOp;
  readonly value: string;
  /** The anchored regex of `=~` and `!~`. */
  readonly regex?: RegExp;
}

export interface MetricSelector {
  readonly name: string;
  readonly matchers: readonly LabelMatcher[];
}

/** One problem of a selector: `offset` is the 0-based index of the character it starts at. */
export interface SelectorProblem {
  readonly offset: number;
  readonly message: string;
}

export type ParseSelectorResult =
  | { readonly ok: true; readonly value: MetricSelector }
  | { readonly ok: false; readonly problems: readonly SelectorProblem[] };

/** Longer selectors are refused: one is a name and a few matchers, not a document. */
export const MAX_SELECTOR_LENGTH = 4096;

const NAME_START = /[A-Za-z_:]/;
const NAME_PART = /[A-Za-z0-9_:]/;
const LABEL_START = /[A-Za-z_]/;
const LABEL_PART = /[A-Za-z0-9_]/;
const OPS: readonly MatchOp[] = ['=~', '!~', '!=', '='];
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '`': '`', a: '\u0007', b: '\b', f: '\f', v: '\v' };

/** An expected failure; caught once in `parseMetricSelector`. */
class SelectorError extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

/**
 * Parses a selector. Never throws: a bad one gives its first problem with its offset.
 *
 * @example parseMetricSelector('up{job="api"}')
 *   // → { ok: true, value: { name: 'up', matchers: [{ label: 'job', op: '=', value: 'api' }] } }
 */
export function parseMetricSelector(text: string): ParseSelectorResult {
  if (text.length > MAX_SELECTOR_LENGTH) return { ok: false, problems: [{ offset: MAX_SELECTOR_LENGTH, message: `a selector is at most ${MAX_SELECTOR_LENGTH} characters long` }] };
  try {
    return { ok: true, value: new SelectorParser(text).parse() };
  } catch (error) {
    if (error instanceof SelectorError) return { ok: false, problems: [{ offset: error.offset, message: error.message }] };
    throw error;
  }
}

/** True when the series `name{labels}` is selected; a label that is absent matches as `""` (as in Prometheus). */
export function matchesSelector(selector: MetricSelector, name: string, labels: Readonly<Record<string, string>>): boolean {
  if (selector.name !== name) return false;
  for (const matcher of selector.matchers) {
    const value = matcher.label === '__name__' ? name : Object.hasOwn(labels, matcher.label) ? labels[matcher.label] ?? '' : '';
    if (!matchesValue(matcher, value)) return false;
  }
  return true;
}

function matchesValue(matcher: LabelMatcher, value: string): boolean {
  switch (matcher.op) {
    case '=': return value === matcher.value;
    case '!=': return value !== matcher.value;
    case '=~': return matcher.regex?.test(value) ?? false;
    case '!~': return !(matcher.regex?.test(value) ?? false);
  }
}

/** The selector as text again, e.g. for messages: `up{job="api"}`. */
export function formatMetricSelector(selector: MetricSelector): string {
  if (selector.matchers.length === 0) return selector.name;
  return `${selector.name}{${selector.matchers.map((m) => `${m.label}${m.op}${JSON.stringify(m.value)}`).join(',')}}`;
}

class SelectorParser {
  #at = 0;
  constructor(private readonly text: string) {}

  parse(): MetricSelector {
    this.#space();
    const name = this.#name(NAME_START, NAME_PART, 'a metric name, e.g. http_requests_total');
    this.#space();
    const matchers: LabelMatcher[] = [];
    if (this.#peek() === '{') {
      this.#at++;
      this.#space();
      while (this.#peek() !== '}') {
        matchers.push(this.#matcher());
        this.#space();
        if (this.#peek() === ',') {
          this.#at++;
          this.#space();
        } else if (this.#peek() !== '}') {
          throw new SelectorError(this.#at, this.#at >= this.text.length ? 'the selector ends before its closing `}`' : `expected \`,\` or \`}\` after a matcher, found ${this.#found()}`);
        }
      }
      this.#at++;
      this.#space();
    }
    if (this.#at < this.text.length) {
      throw new SelectorError(this.#at, `unexpected ${this.#found()} after the selector: give one metric name and its matchers in {…}, not a PromQL expression`);
    }
    return { name, matchers };
  }

  #matcher(): LabelMatcher {
    const label = this.#name(LABEL_START, LABEL_PART, 'a label name');
    this.#space();
    const op = OPS.find((candidate) => this.text.startsWith(candidate, this.#at));
    if (op === undefined) throw new SelectorError(this.#at, `expected a matcher operator (=, !=, =~ or !~) after label \`${label}\`, found ${this.#found()}`);
    this.#at += op.length;
    this.#space();
    const start = this.#at;
    const value = this.#string();
    if (op === '=' || op === '!=') return { label, op, value };
    return { label, op, value, regex: anchoredRegex(value, start) };
  }

  #name(first: RegExp, rest: RegExp, what: string): string {
    const start = this.#at;
    if (!first.test(this.#peek())) throw new SelectorError(this.#at, `expected ${what}, found ${this.#found()}`);
    while (this.#at < this.text.length && rest.test(this.#peek())) this.#at++;
    return this.text.slice(start, this.#at);
  }

  #string(): string {
    const quote = this.#peek();
    if (quote !== '"' && quote !== "'" && quote !== '`') throw new SelectorError(this.#at, `expected a quoted value, found ${this.#found()}`);
    const start = this.#at;
    this.#at++;
    let value = '';
    while (this.#at < this.text.length) {
      const char = this.#peek();
      if (char === quote) {
        this.#at++;
        return value;
      }
      if (char === '\n' && quote !== '`') break;
      if (char === '\\' && quote !== '`') {
        const escaped = this.text.charAt(this.#at + 1);
        const replacement = ESCAPES[escaped];
        if (replacement === undefined) throw new SelectorError(this.#at, `unknown escape \`\\${escaped}\` in a quoted value`);
        value += replacement;
        this.#at += 2;
        continue;
      }
      value += char;
      this.#at++;
    }
    throw new SelectorError(start, 'this quoted value is never closed');
  }

  #space(): void {
    while (this.#at < this.text.length && /\s/.test(this.#peek())) this.#at++;
  }

  #peek(): string {
    return this.text.charAt(this.#at);
  }

  #found(): string {
    return this.#at >= this.text.length ? 'the end of the selector' : `\`${this.#peek()}\``;
  }
}

// Backreferences and lookaround are JavaScript's, not RE2's: a selector that uses them would
// mean something else, or nothing, in Prometheus.
const NOT_RE2 = /\(\?<?[=!]|\\[1-9]|\\k</;

function anchoredRegex(source: string, offset: number): RegExp {
  if (NOT_RE2.test(source)) throw new SelectorError(offset, `the regex ${JSON.stringify(source)} uses lookaround or a backreference, which Prometheus's RE2 does not have`);
  try {
    // Prometheus anchors matcher regexes (^(?:…)$) and lets `.` match a newline.
    return new RegExp(`^(?:${source})$`, 'su');
  } catch (error) {
    throw new SelectorError(offset, `the regex ${JSON.stringify(source)} does not compile: ${error instanceof Error ? error.message : String(error)}`);
  }
}
