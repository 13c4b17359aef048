/**
 * Request body limits in bytes (DESIGN.md §7: a limit on every body). Most bodies are one
 * document or a token request, a few kilobytes; 1 MiB leaves room for a large document while
 * keeping what one request can make the server buffer and parse small.
 */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * `POST /api/v1/apply` and `/delete` carry a whole repository's bundle (up to 10,000
 * documents, each with its YAML source text for error positions), so they get 10 MiB.
 */
export const BUNDLE_BODY_LIMIT = 10 * 1024 * 1024;

/**
 * `POST /api/v1/slis/{name}/events` takes a batch of SLI events: 32 MiB holds about 500,000
 * events as NDJSON, a day of one-second data with room to spare, while `xops ingest` sends far
 * smaller chunks.
 */
export const INGEST_BODY_LIMIT = 32 * 1024 * 1024;
