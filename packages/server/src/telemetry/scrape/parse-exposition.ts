import type { Sample } from '../sample';

/** The samples of one scrape, split by how the sink reads them. */
export interface Exposition {
  /** Counters, histograms, summaries and untyped series: running totals. */
  readonly cumulative: readonly Sample[];
  readonly gauges: readonly Sample[];
}

export type ParseExpositionResult = { readonly ok: true; readonly value: Exposition } | { readonly ok: false; readonly error: string };

const NAME = /^[A-Za-z_:][A-Za-z0-9_:]*/;
const LABEL = /^[A-Za-z_][A-Za-z0-9_]*/;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', '\\': '\\', '"': '"' };
const SUFFIXES = ['_total', '_bucket', '_count', '_sum', '_created', '_gcount', '_gsum', '_info'];

class ExpositionError extends Error {}

/**
 * Parses a scrape body in the Prometheus text format 0.0.4 or OpenMetrics 1.0 (chosen by
 * `openMetrics`, from the response's content type). Samples without a timestamp get `scrapedAt`;
 * timestamps are milliseconds in 0.0.4 and seconds in OpenMetrics. Exemplars are dropped, and so
 * are OpenMetrics `_created` series (a creation time, not a count). Never throws: the first bad
 * line is the error, e.g. `line 3: expected a value after the labels`.
 *
 * Written here rather than taken from npm: see docs/adr/0006-telemetry-ingest.md.
 */
export function parseExposition(text: string, options: { readonly scrapedAt: number; readonly openMetrics: boolean }): ParseExpositionResult {
  const types = new Map<string, string>();
  const cumulative: Sample[] = [];
  const gauges: Sample[] = [];
  const lines = text.split('\n');
  for (const [index, raw] of lines.entries()) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    try {
      if (line.startsWith('#')) {
        const [, keyword, name, type] = /^#\s*(TYPE|HELP|UNIT|EOF)\s*(\S*)\s*(\S*)/.exec(line) ?? [];
        if (keyword === 'EOF') break;
        if (keyword === 'TYPE' && name !== undefined && type !== undefined) types.set(name, type.toLowerCase());
        continue;
      }
      if (line.trim() === '') continue;
      const sample = parseSampleLine(line, options);
      const type = familyType(sample.name, types);
      if (sample.name.endsWith('_created') && type !== 'untyped') continue;
      (type === 'gauge' ? gauges : cumulative).push(sample);
    } catch (error) {
      if (error instanceof ExpositionError) return { ok: false, error: `line ${index + 1}: ${error.message}` };
      throw error;
    }
  }
  return { ok: true, value: { cumulative, gauges } };
}

/** The declared type of the family a sample belongs to: its own name, else its name less a known suffix. */
function familyType(name: string, types: ReadonlyMap<string, string>): string {
  const own = types.get(name);
  if (own !== undefined) return own;
  for (const suffix of SUFFIXES) {
    if (name.endsWith(suffix)) {
      const type = types.get(name.slice(0, -suffix.length));
      if (type !== undefined) return type;
    }
  }
  return 'untyped';
}

function parseSampleLine(line: string, options: { readonly scrapedAt: number; readonly openMetrics: boolean }): Sample {
  let at = 0;
  const name = NAME.exec(line)?.[0];
  if (name === undefined) throw new ExpositionError(`expected a metric name, found ${JSON.stringify(line.slice(0, 20))}`);
  at = name.length;
  const labels: Record<string, string> = {};
  if (line[at] === '{') {
    at++;
    for (;;) {
      at = skipSpaces(line, at);
      if (line[at] === '}') break;
      const label = LABEL.exec(line.slice(at))?.[0];
      if (label === undefined) throw new ExpositionError(`expected a label name at column ${at + 1}`);
      at = skipSpaces(line, at + label.length);
      if (line[at] !== '=') throw new ExpositionError(`expected = after label ${label}`);
      at = skipSpaces(line, at + 1);
      if (line[at] !== '"') throw new ExpositionError(`expected a quoted value for label ${label}`);
      let value = '';
      for (at++; at < line.length && line[at] !== '"'; at++) {
        const char = line.charAt(at);
        if (char === '\\') {
          const escaped = ESCAPES[line.charAt(at + 1)];
          value += escaped ?? `\\${line.charAt(at + 1)}`;
          at++;
        } else value += char;
      }
      if (at >= line.length) throw new ExpositionError(`the value of label ${label} is never closed`);
      if (Object.hasOwn(labels, label)) throw new ExpositionError(`label ${label} is given twice`);
      labels[label] = value;
      at = skipSpaces(line, at + 1);
      if (line[at] === ',') at++;
      else if (line[at] !== '}') throw new ExpositionError(`expected , or } after label ${label}`);
    }
    at++;
  }
  // Exemplars (OpenMetrics) follow ` # `; they are not samples.
  const exemplar = line.indexOf(' # ', at);
  const fields = line.slice(at, exemplar === -1 ? undefined : exemplar).trim().split(/\s+/);
  const [valueText, timestampText, extra] = fields;
  if (valueText === undefined || valueText === '') throw new ExpositionError(`expected a value after ${name}`);
  if (extra !== undefined) throw new ExpositionError(`unexpected ${JSON.stringify(extra)} after the value and timestamp of ${name}`);
  const value = parseValue(valueText);
  if (value === undefined) throw new ExpositionError(`${JSON.stringify(valueText)} is not a number (the value of ${name})`);
  let timestampMs = options.scrapedAt;
  if (timestampText !== undefined) {
    const ts = Number(timestampText);
    if (!Number.isFinite(ts)) throw new ExpositionError(`${JSON.stringify(timestampText)} is not a timestamp`);
    timestampMs = options.openMetrics ? Math.round(ts * 1000) : ts;
  }
  return { name, labels, timestampMs, value };
}

function parseValue(text: string): number | undefined {
  const lower = text.toLowerCase();
  if (lower === '+inf' || lower === 'inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  if (lower === 'nan') return Number.NaN;
  const value = Number(text);
  return text.trim() === '' || Number.isNaN(value) ? undefined : value;
}

function skipSpaces(line: string, at: number): number {
  while (line[at] === ' ' || line[at] === '\t') at++;
  return at;
}
