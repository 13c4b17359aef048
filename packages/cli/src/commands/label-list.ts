import { UsageError } from '../cli-errors';

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const EXAMPLE = 'e.g. alertname=PaymentsDown,service=payments,severity=page';

/**
 * Reads labels as `--labels` takes them: `name=value` pairs separated by commas. A value with a
 * comma is double-quoted (`summary="a, b"`, `\"` for a quote). A usage error says what is wrong.
 *
 * @example parseLabelList('service=payments,severity=page') // → { service: 'payments', severity: 'page' }
 */
export function parseLabelList(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  let at = 0;
  while (at < text.length) {
    const equals = text.indexOf('=', at);
    if (equals < 0) throw new UsageError(`labels: \`${text.slice(at)}\` has no =: write name=value pairs separated by commas, ${EXAMPLE}`);
    const name = text.slice(at, equals).trim();
    if (!LABEL_NAME.test(name)) throw new UsageError(`labels: \`${name}\` is not a label name: letters, digits and _, not starting with a digit`);
    if (Object.hasOwn(labels, name)) throw new UsageError(`labels: \`${name}\` is given twice`);
    const { value, next } = text.charAt(equals + 1) === '"' ? quoted(text, equals + 2) : bare(text, equals + 1);
    labels[name] = value;
    at = next;
  }
  if (Object.keys(labels).length === 0) throw new UsageError(`labels: give at least one, ${EXAMPLE}`);
  return labels;
}

function bare(text: string, from: number): { value: string; next: number } {
  const comma = text.indexOf(',', from);
  const end = comma < 0 ? text.length : comma;
  return { value: text.slice(from, end).trim(), next: end + 1 };
}

function quoted(text: string, from: number): { value: string; next: number } {
  let value = '';
  for (let i = from; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === '\\' && i + 1 < text.length) value += text.charAt(++i);
    else if (char === '"') {
      const rest = text.slice(i + 1).trimStart();
      if (rest !== '' && !rest.startsWith(',')) throw new UsageError(`labels: expected a comma after "${value}", found \`${rest.slice(0, 20)}\``);
      return { value, next: text.length - rest.length + 1 };
    } else value += char;
  }
  throw new UsageError(`labels: the quote before "${value}" is not closed`);
}
