import { DeliveryError } from './notification-sender';
import { redactDestination } from './redact-destination';

// Enough of an error body to say why (Slack answers `invalid_payload`, `channel_not_found`, …).
const ERROR_BODY_CHARS = 200;
// A client error that trying again can fix: 408 Request Timeout, 425 Too Early, 429 Too Many Requests.
const RETRYABLE_CLIENT_ERRORS = new Set([408, 425, 429]);

/**
 * POSTs `body` (JSON text) to `url` and resolves on a 2xx answer. Anything else rejects with a
 * `DeliveryError` that names the status and the start of the answer, never the URL's path (the
 * secret of an incoming webhook); a 4xx other than 408, 425 and 429 is permanent.
 */
export async function postJson(url: string, body: string, options: { headers?: Record<string, string>; signal: AbortSignal }): Promise<void> {
  const where = redactDestination(url);
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new DeliveryError(`${where} is not an http or https URL`, { permanent: true });
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body,
      signal: options.signal,
    });
  } catch (error) {
    throw new DeliveryError(`cannot reach ${where}: ${describeFetchError(error)}`, { cause: error });
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return;
  const excerpt = text.trim().slice(0, ERROR_BODY_CHARS);
  throw new DeliveryError(`HTTP ${response.status} from ${where}${excerpt === '' ? '' : `: ${excerpt}`}`, {
    permanent: response.status >= 400 && response.status < 500 && !RETRYABLE_CLIENT_ERRORS.has(response.status),
  });
}

// undici says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, a TLS error) is its cause.
function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'AbortError') return 'the request was aborted';
  const cause: unknown = error.cause;
  if (cause instanceof Error) return 'code' in cause && typeof cause.code === 'string' ? `${cause.code} (${cause.message})` : cause.message;
  return error.message;
}
