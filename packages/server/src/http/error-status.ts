import type { ErrorCode } from '@xops/contracts';

/**
 * The one place that maps catalogue codes to HTTP statuses (DESIGN.md §6). A `Record` over
 * `ErrorCode`, so adding a code to the catalogue without a status here fails to compile.
 */
const STATUS: Readonly<Record<ErrorCode, number>> = {
  XOPS_ERR_VALIDATION: 400,
  XOPS_ERR_BAD_JSON: 400,
  XOPS_ERR_UNAUTHENTICATED: 401,
  XOPS_ERR_FORBIDDEN: 403,
  XOPS_ERR_NOT_FOUND: 404,
  XOPS_ERR_UNKNOWN_KIND: 404,
  XOPS_ERR_ROUTE_NOT_FOUND: 404,
  XOPS_ERR_METHOD_NOT_ALLOWED: 405,
  XOPS_ERR_CONFLICT: 409,
  XOPS_ERR_BODY_TOO_LARGE: 413,
  XOPS_ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  // 422 rather than 400: the body is well-formed JSON of the right shape, but the config
  // documents in it break the rules of their kind (RFC 9110 §15.5.21).
  XOPS_ERR_CONFIG_INVALID: 422,
  // The events may be fine, but the SLI's config does not route them to xops (a Prometheus SLI).
  XOPS_ERR_NOT_INGESTIBLE: 422,
  XOPS_ERR_INTERNAL: 500,
  // The request was fine; the Prometheus it made xops query was not (RFC 9110 §15.6.3).
  XOPS_ERR_UPSTREAM: 502,
  XOPS_ERR_NOT_READY: 503,
};

/** The HTTP status for an error code, e.g. `errorStatus('XOPS_ERR_CONFLICT') === 409`. */
export function errorStatus(code: ErrorCode): number {
  return STATUS[code];
}
