/**
 * The outcome of an operation that can fail in an expected way (STYLE.md: inside `core`,
 * expected failures are values, like kysely's migrator that never throws).
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };
