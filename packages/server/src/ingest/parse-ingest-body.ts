import { NDJSON_CONTENT_TYPE, parseSliEvent, parseSliEventLine, type SliEvent, type SliEventProblem } from '@xops/contracts';
import { XopsError } from '../http/xops-error';

/** How far ahead of the server's clock an event may be (clocks of senders drift a little). */
export const MAX_FUTURE_MS = 5 * 60 * 1000;
/** The most problems one answer lists; the count says how many there were in all. */
export const MAX_REPORTED_PROBLEMS = 100;

/** One problem of an ingest body: where (`line` of NDJSON, 1-based, or `index` in a JSON array) and what. */
export interface IngestProblem extends SliEventProblem {
  readonly line?: number;
  readonly index?: number;
}

/** What the body is checked against: the SLI's kind and the server's time. */
export interface IngestBodyContext {
  readonly sli: string;
  readonly kind: 'ratio' | 'threshold';
  /** Epoch ms. */
  readonly now: number;
}

/**
 * Parses an ingest body (a JSON array, or NDJSON text) into events, checking every event: its
 * shape, that it suits the SLI (counts for a ratio SLI, values for a threshold SLI), and that it
 * is not more than 5 minutes in the future. Throws 400 `XOPS_ERR_VALIDATION` listing the first
 * 100 problems, by line or index, when any event is bad, so that nothing is written.
 */
export function parseIngestBody(body: unknown, context: IngestBodyContext): SliEvent[] {
  const events: SliEvent[] = [];
  const problems: IngestProblem[] = [];
  let count = 0;
  const report = (where: { line: number } | { index: number }, found: readonly SliEventProblem[]) => {
    count += found.length;
    for (const problem of found) if (problems.length < MAX_REPORTED_PROBLEMS) problems.push({ ...where, ...problem });
  };
  const take = (where: { line: number } | { index: number }, result: ReturnType<typeof parseSliEvent> | undefined) => {
    if (result === undefined) return;
    if (!result.ok) return report(where, result.problems);
    const misfit = checkEvent(result.value, context);
    if (misfit) return report(where, [misfit]);
    events.push(result.value);
  };

  if (typeof body === 'string') {
    body.split('\n').forEach((line, index) => take({ line: index + 1 }, parseSliEventLine(line)));
  } else if (Array.isArray(body)) {
    body.forEach((raw: unknown, index) => take({ index }, parseSliEvent(raw)));
  } else {
    throw new XopsError('XOPS_ERR_VALIDATION', `The body must be a JSON array of events, or NDJSON (content-type ${NDJSON_CONTENT_TYPE}) `
      + 'with one event per line, such as {"ts": "2025-03-01T12:00:00Z", "good": 99, "total": 100}.');
  }
  if (count > 0) throw ingestProblemsError(problems, count);
  return events;
}

function checkEvent(event: SliEvent, context: IngestBodyContext): SliEventProblem | undefined {
  if (event.ts > context.now + MAX_FUTURE_MS) {
    return {
      path: ['ts'],
      message: `\`ts\` ${new Date(event.ts).toISOString()} is more than 5 minutes ahead of the server's clock (${new Date(context.now).toISOString()}): events from the future are refused`,
    };
  }
  if (context.kind === 'ratio' && event.kind === 'value') {
    return { path: ['value'], message: `SLI "${context.sli}" is a ratioMetric: send \`good\` (or \`bad\`) and \`total\`; \`value\` events are for SLIs with a thresholdMetric` };
  }
  if (context.kind === 'threshold' && event.kind === 'ratio') {
    return { path: [], message: `SLI "${context.sli}" is a thresholdMetric: send {"ts", "value"} events, each compared with the op and value of every objective that uses it` };
  }
  return undefined;
}

function ingestProblemsError(problems: readonly IngestProblem[], count: number): XopsError {
  const shown = problems.slice(0, 3).map((problem) => {
    const where = problem.line === undefined ? `event [${problem.index ?? 0}]` : `line ${problem.line}`;
    return `${where}: ${problem.message}`;
  });
  const more = count > shown.length ? ` (and ${count - shown.length} more)` : '';
  const counted = count === 1 ? '1 problem' : `${count} problems`;
  return new XopsError('XOPS_ERR_VALIDATION', `${counted} in the events, nothing was written: ${shown.join('; ')}${more}`, { problems, count });
}
