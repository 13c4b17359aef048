import { parseExposition, type Exposition } from './parse-exposition';

/** Scrape bodies beyond this are refused: a target that large is misconfigured, and must not take the server's memory. */
export const MAX_SCRAPE_BYTES = 16 * 1024 * 1024;

const ACCEPT = 'application/openmetrics-text;version=1.0.0;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

export type ScrapeResult = { readonly ok: true; readonly value: Exposition } | { readonly ok: false; readonly error: string };

/**
 * Fetches and parses one target, within `timeoutMs`. Never throws: a target that hangs, answers
 * other than 200, sends too much or sends what does not parse gives the reason, e.g.
 * `timed out after 5000 ms`, `HTTP 500 Internal Server Error`, `line 1: expected a metric name…`.
 */
export async function scrapeTarget(url: string, options: { readonly timeoutMs: number; readonly scrapedAt: number }): Promise<ScrapeResult> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await fetch(url, { signal, headers: { accept: ACCEPT, 'x-prometheus-scrape-timeout-seconds': String(options.timeoutMs / 1000) } });
    if (response.status !== 200) {
      await response.body?.cancel();
      return { ok: false, error: `HTTP ${response.status} ${response.statusText}`.trim() };
    }
    const length = Number(response.headers.get('content-length') ?? 0);
    if (length > MAX_SCRAPE_BYTES) {
      await response.body?.cancel();
      return { ok: false, error: `the body is ${length} bytes, more than the ${MAX_SCRAPE_BYTES} a scrape may take` };
    }
    const text = await response.text();
    if (text.length > MAX_SCRAPE_BYTES) return { ok: false, error: `the body is more than the ${MAX_SCRAPE_BYTES} bytes a scrape may take` };
    const openMetrics = (response.headers.get('content-type') ?? '').toLowerCase().startsWith('application/openmetrics-text');
    return parseExposition(text, { scrapedAt: options.scrapedAt, openMetrics });
  } catch (error) {
    if (signal.aborted) return { ok: false, error: `timed out after ${options.timeoutMs} ms` };
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { ok: false, error: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}
