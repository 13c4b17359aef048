/**
 * True when a driver error is a unique or primary-key violation: PostgreSQL's SQLSTATE 23505
 * (pg's `DatabaseError.code`) or better-sqlite3's extended result codes. Checked by shape so the
 * store's logic imports neither driver.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return error.code === '23505' || error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
