/**
 * The one catalogue of API error codes (DESIGN.md §6). The server maps each code to a status in
 * one place (`server/src/http/error-status.ts`); clients switch on the code, never on the text.
 */
export const ERROR_CODES = {
  XOPS_ERR_VALIDATION: 'The request body or parameters are not valid.',
  XOPS_ERR_CONFIG_INVALID: 'One or more config documents are not valid.',
  XOPS_ERR_NOT_INGESTIBLE: 'This SLI does not take data through the ingest API.',
  XOPS_ERR_BAD_JSON: 'The body is not valid JSON.',
  XOPS_ERR_UNSUPPORTED_MEDIA_TYPE: 'The body has a content type this endpoint does not accept.',
  XOPS_ERR_BODY_TOO_LARGE: 'The body is larger than this endpoint accepts.',
  XOPS_ERR_UNAUTHENTICATED: 'A valid bearer token is required.',
  XOPS_ERR_FORBIDDEN: "The token's role or scopes do not allow this.",
  XOPS_ERR_NOT_FOUND: 'No such object.',
  XOPS_ERR_UNKNOWN_KIND: 'No such kind.',
  XOPS_ERR_CONFLICT: 'The request conflicts with the current state.',
  XOPS_ERR_ROUTE_NOT_FOUND: 'No such endpoint.',
  XOPS_ERR_METHOD_NOT_ALLOWED: 'This endpoint does not accept that method.',
  XOPS_ERR_NOT_READY: 'The server is not ready.',
  XOPS_ERR_UPSTREAM: 'A data source xops queried is down or answered with something it cannot use.',
  XOPS_ERR_INTERNAL: 'An unexpected error; it has been logged.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The body of every error response: `{ "error": { "code", "message", "details" } }`. */
export interface ErrorEnvelope {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly details?: unknown;
  };
}
