export type * from './xops-store';
export { openStore } from './open-store';
export { COARSE_BUCKET_MS, FINE_RETENTION_MS } from './sli-buckets';
export type { OpenStoreOptions } from './open-store';
export type { StoreLogger } from './store-logger';
export { StoreConflictError } from './store-conflict-error';
export { testDatabaseEngines } from './testing/test-database-engines';
export { openTestStore } from './testing/open-test-store';
export type { TestStore } from './testing/open-test-store';
