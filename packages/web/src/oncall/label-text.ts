// One pair: a label name, `=`, and a value, double-quoted (with `\"` and `\\` escapes) or bare.
const PAIR = /([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*("(?:[^"\\\n]|\\.)*"|[^\s,"]*)/y;
const SEPARATOR = /[\s,]/;

/**
 * Reads the labels of the "who is paged" form: `name=value` pairs separated by commas, spaces or
 * lines; a value with spaces or commas is double-quoted. Never throws; says which pair is wrong.
 *
 * @example readLabelText('service=payments, severity="page"') // → { ok: true, value: { service: 'payments', severity: 'page' } }
 */
export function readLabelText(text: string): { readonly ok: true; readonly value: Record<string, string> } | { readonly ok: false; readonly error: string } {
  const labels: Record<string, string> = {};
  let at = 0;
  for (;;) {
    while (at < text.length && SEPARATOR.test(text.charAt(at))) at++;
    if (at >= text.length) break;
    PAIR.lastIndex = at;
    const match = PAIR.exec(text);
    const end = PAIR.lastIndex;
    if (match === null || (end < text.length && !SEPARATOR.test(text.charAt(end)))) {
      const pair = text.slice(at).split(SEPARATOR)[0] ?? '';
      return { ok: false, error: `\`${pair}\` is not a label: write name=value, e.g. service=payments (quote a value with spaces)` };
    }
    const [, name = '', raw = ''] = match;
    if (Object.hasOwn(labels, name)) return { ok: false, error: `the label ${name} is given twice` };
    labels[name] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    at = end;
  }
  if (Object.keys(labels).length === 0) return { ok: false, error: 'Give at least one label, e.g. service=payments.' };
  return { ok: true, value: labels };
}
