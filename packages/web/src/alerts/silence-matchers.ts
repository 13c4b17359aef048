import { parseAlertMatcher } from '@xops/contracts';

// Go's escapes, which Alertmanager's matcher parser (and `parseAlertMatcher`) reads back.
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r' };

/**
 * One equality matcher per label, `name="value"`, `alertname` first and then by name, as
 * Alertmanager's "silence this alert" pre-fills them: together they match this alert's label
 * set (and any alert with more labels).
 *
 * @example matchersFromLabels({ service: 'cart', alertname: 'CartDown' }) // → ['alertname="CartDown"', 'service="cart"']
 */
export function matchersFromLabels(labels: Readonly<Record<string, string>>): string[] {
  const names = Object.keys(labels).toSorted((a, b) => (a === 'alertname' ? -1 : b === 'alertname' ? 1 : a.localeCompare(b)));
  return names.map((name) => `${name}="${quoteValue(labels[name] ?? '')}"`);
}

/** `value` with `\`, `"`, newlines, tabs and carriage returns escaped for a double-quoted matcher value. */
export function quoteValue(value: string): string {
  return value.replace(/[\\"\n\t\r]/g, (char) => ESCAPES[char] ?? char);
}

/**
 * Reads the silence form's matchers: one per line, blank lines skipped, each checked as the
 * server will check it. Never throws.
 *
 * @example readMatcherLines('service="cart"\n\nseverity=~"page|critical"') // → { ok: true, value: ['service="cart"', 'severity=~"page|critical"'] }
 */
export function readMatcherLines(text: string): { readonly ok: true; readonly value: string[] } | { readonly ok: false; readonly error: string } {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length === 0) return { ok: false, error: 'Give at least one matcher, e.g. service="cart".' };
  for (const [index, line] of lines.entries()) {
    const parsed = parseAlertMatcher(line);
    if (!parsed.ok) return { ok: false, error: `Matcher ${String(index + 1)} (${line}): ${parsed.error}` };
  }
  return { ok: true, value: lines };
}
