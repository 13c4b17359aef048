import { fineBucketStart } from '@xops/contracts';
import type { FileEvents } from './read-events-file';

/** One request's worth of NDJSON, and how many lines it holds. */
export interface IngestChunk {
  readonly ndjson: string;
  readonly lines: number;
}

/**
 * Splits a file's events into NDJSON requests of about `linesPerChunk` lines, never splitting a
 * 10-second bucket between two requests: in `replace` mode each request overwrites the buckets
 * it touches, so a bucket sent in two parts would keep only the second part. Counts go as one
 * line per bucket (their sums); values go one per line, in time order, cut only where the bucket
 * changes.
 */
export function* ingestChunks(events: FileEvents, linesPerChunk: number): Generator<IngestChunk> {
  let lines: string[] = [];
  const flush = (): IngestChunk => {
    const chunk = { ndjson: `${lines.join('\n')}\n`, lines: lines.length };
    lines = [];
    return chunk;
  };
  for (const bucket of events.counts.buckets()) {
    lines.push(JSON.stringify({ ts: bucket.start, good: bucket.good, total: bucket.total }));
    if (lines.length >= linesPerChunk) yield flush();
  }
  const { ts, value } = events.values;
  const order = Array.from(ts.keys()).sort((a, b) => (ts[a] ?? 0) - (ts[b] ?? 0));
  for (let position = 0; position < order.length; position++) {
    const index = order[position] ?? 0;
    const next = order[position + 1];
    lines.push(JSON.stringify({ ts: ts[index], value: value[index] }));
    const bucketEnds = next === undefined || fineBucketStart(ts[next] ?? 0) !== fineBucketStart(ts[index] ?? 0);
    if (lines.length >= linesPerChunk && bucketEnds) yield flush();
  }
  if (lines.length > 0) yield flush();
}

