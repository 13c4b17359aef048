import { BucketSums, parseSliEventLine, type SliEventProblem } from '@xops/contracts';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** How far ahead of this machine's clock an event may be; the server allows the same. */
const MAX_FUTURE_MS = 5 * 60 * 1000;
/** Problems kept for printing; the count says how many there were. */
const MAX_PROBLEMS = 100;

/** A problem of the file, by 1-based line. */
export interface FileEventProblem extends SliEventProblem {
  readonly line: number;
}

/**
 * The events of a file, held compactly: counts already summed into 10-second buckets (the sums
 * are what the server stores, so nothing is lost), values one by one (the server judges each
 * against the objectives of the SLO, which the CLI does not know).
 */
export interface FileEvents {
  /** Lines that held an event. */
  readonly events: number;
  readonly counts: BucketSums;
  readonly values: { readonly ts: number[]; readonly value: number[] };
}

export type ReadEventsResult =
  | { readonly ok: true; readonly value: FileEvents }
  | { readonly ok: false; readonly problems: readonly FileEventProblem[]; readonly count: number };

/**
 * Reads an NDJSON file of SLI events line by line (the file is never held whole) and checks
 * every line as the server would: the event's shape, at most 5 minutes ahead of `now`, and one
 * kind per file (counts, or values). Rejects when the file cannot be read.
 */
export async function readEventsFile(path: string, now: number): Promise<ReadEventsResult> {
  const counts = new BucketSums();
  const values: FileEvents['values'] = { ts: [], value: [] };
  const problems: FileEventProblem[] = [];
  let count = 0;
  let events = 0;
  let firstKind: { kind: 'ratio' | 'value'; line: number } | undefined;
  const report = (line: number, found: readonly SliEventProblem[]) => {
    count += found.length;
    for (const problem of found) if (problems.length < MAX_PROBLEMS) problems.push({ line, ...problem });
  };

  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    const result = parseSliEventLine(text);
    if (result === undefined) continue;
    if (!result.ok) {
      report(line, result.problems);
      continue;
    }
    const event = result.value;
    firstKind ??= { kind: event.kind, line };
    if (event.ts > now + MAX_FUTURE_MS) {
      report(line, [{ path: ['ts'], message: `\`ts\` ${new Date(event.ts).toISOString()} is more than 5 minutes in the future` }]);
    } else if (event.kind !== firstKind.kind) {
      report(line, [{ path: [], message: `a ${describe(event.kind)} event, but line ${firstKind.line} holds a ${describe(firstKind.kind)} event: a file feeds one SLI, so all its events are of one kind` }]);
    } else if (count === 0) {
      events += 1;
      if (event.kind === 'ratio') counts.add(event.ts, event.good, event.total);
      else {
        values.ts.push(event.ts);
        values.value.push(event.value);
      }
    }
  }
  if (count > 0) return { ok: false, problems, count };
  return { ok: true, value: { events, counts, values } };
}

function describe(kind: 'ratio' | 'value'): string {
  return kind === 'ratio' ? 'good/total' : '`value`';
}
