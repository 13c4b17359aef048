import { parseQueryRange, type ParsedQueryRange } from './parse-query-range';
import type { PromqlSource } from './promql-sources';

/** A `query_range` request: times in ms (sent as fractional unix seconds), `stepMs` ≥ 1 ms. */
export interface QueryRange {
  readonly query: string;
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
}

/** Answers of more than this many bytes are refused: a selector gone wrong must not fill memory. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * POSTs `query_range` to `source` (form-encoded, so long selectors fit) and parses the matrix.
 * Never throws: a source that is down, slow (past its `timeout`), refuses or answers garbage
 * gives `{ ok: false, error }` naming the source and the reason.
 */
export async function queryRange(source: PromqlSource, request: QueryRange): Promise<ParsedQueryRange> {
  const where = `${source.url}/api/v1/query_range`;
  const body = new URLSearchParams({
    query: request.query, start: String(request.startMs / 1000), end: String(request.endMs / 1000), step: String(request.stepMs / 1000),
  });
  try {
    const response = await fetch(where, {
      method: 'POST', body, headers: { ...source.headers, accept: 'application/json' }, signal: AbortSignal.timeout(source.timeoutMs), redirect: 'error',
    });
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > MAX_BODY_BYTES) return { ok: false, error: `${where} answered ${length} bytes, more than ${MAX_BODY_BYTES}` };
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, error: `${where} answered HTTP ${response.status} with a body that is not JSON` };
    }
    const parsed = parseQueryRange(json);
    if (!parsed.ok) return { ok: false, error: `${where} (HTTP ${response.status}): ${parsed.error}` };
    return parsed;
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${source.timeoutMs} ms`
      : error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { ok: false, error: `cannot query ${where}: ${reason}` };
  }
}
