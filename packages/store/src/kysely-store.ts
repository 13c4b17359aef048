import type { ApplyOutcome, AuditEntry, Role, StoredObject, TokenInfo } from '@xops/contracts';
import type { AlertState, AlertTransition, Bucket } from '@xops/core';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { applyObjectWrites } from './apply-objects';
import { countApiTokens, findApiTokenByHash, insertApiToken, listApiTokens } from './api-tokens';
import { listAlertStates, listAlertTransitions, saveEvaluation } from './alert-states';
import { appendAuditEntry, listAuditEntries } from './audit-log';
import { getConfigObject, listConfigObjects } from './config-objects';
import { deleteObjectRefs } from './delete-objects';
import { acquireLease, getLease, releaseLease } from './leases';
import { runInTransaction } from './run-in-transaction';
import { readSignalBuckets, writeSignalBuckets } from './signal-buckets';
import { compactSliBuckets, readSliBucketChanges, readSliBuckets, writeSliBuckets } from './sli-buckets';
import type { XopsDatabase } from './xops-database';
import type {
  BucketChange, NewAuditEntry, ObjectWrite, SignalBucket, StoredBucket, StoreEngine, TokenRecord, XopsStore,
} from './xops-store';

/** What a `KyselyStore` is built from; `openStore` assembles it. */
export interface KyselyStoreOptions {
  readonly db: Kysely<XopsDatabase>;
  readonly engine: StoreEngine;
  /** The time mutations are stamped with. */
  readonly now: () => Date;
}

/**
 * The `XopsStore` on Kysely, the same code for SQLite and PostgreSQL. Each method is one
 * statement or one transaction; the SQL lives in one file per table (`config-objects.ts`,
 * `apply-objects.ts`, `delete-objects.ts`, `api-tokens.ts`, `audit-log.ts`, `sli-buckets.ts`,
 * `alert-states.ts`, `leases.ts`).
 */
export class KyselyStore implements XopsStore {
  readonly engine: StoreEngine;
  readonly #db: Kysely<XopsDatabase>;
  readonly #now: () => Date;
  #closed: Promise<void> | undefined;

  constructor(options: KyselyStoreOptions) {
    this.engine = options.engine;
    this.#db = options.db;
    this.#now = options.now;
  }

  listObjects(kind?: string): Promise<StoredObject[]> {
    return listConfigObjects(this.#db, kind);
  }

  getObject(kind: string, name: string): Promise<StoredObject | undefined> {
    return getConfigObject(this.#db, kind, name);
  }

  applyObjects(writes: readonly ObjectWrite[], actor: string, options: { dryRun?: boolean } = {}): Promise<ApplyOutcome[]> {
    return runInTransaction(this.#db, { dryRun: options.dryRun ?? false }, (trx) =>
      applyObjectWrites({ trx, engine: this.engine, actor, at: this.#timestamp() }, writes));
  }

  deleteObjects(refs: readonly { kind: string; name: string }[], actor: string, options: { dryRun?: boolean } = {}): Promise<ApplyOutcome[]> {
    return runInTransaction(this.#db, { dryRun: options.dryRun ?? false }, (trx) =>
      deleteObjectRefs({ trx, engine: this.engine, actor, at: this.#timestamp() }, refs));
  }

  countTokens(): Promise<number> {
    return countApiTokens(this.#db);
  }

  insertToken(token: { name: string; role: Role; hash: string; createdBy: string }): Promise<TokenInfo> {
    return insertApiToken(this.#db, token, this.#timestamp());
  }

  findTokenByHash(hash: string): Promise<TokenRecord | undefined> {
    return findApiTokenByHash(this.#db, hash);
  }

  listTokens(): Promise<TokenInfo[]> {
    return listApiTokens(this.#db);
  }

  listAudit(options?: { limit?: number; before?: number }): Promise<AuditEntry[]> {
    return listAuditEntries(this.#db, options);
  }

  appendAudit(entry: NewAuditEntry): Promise<void> {
    return appendAuditEntry(this.#db, entry, this.#timestamp());
  }

  writeBuckets(seriesKey: string, buckets: readonly Bucket[], mode: 'replace' | 'add'): Promise<number> {
    return writeSliBuckets(this.#db, seriesKey, buckets, mode);
  }

  readBuckets(seriesKey: string, from: number, to: number): Promise<StoredBucket[]> {
    return readSliBuckets(this.#db, seriesKey, from, to);
  }

  readBucketChanges(afterSeq: number, limit: number): Promise<BucketChange[]> {
    return readSliBucketChanges(this.#db, afterSeq, limit);
  }

  compactBuckets(now: number): Promise<number> {
    return compactSliBuckets(this.#db, now);
  }

  writeSignalBuckets(buckets: readonly SignalBucket[]): Promise<number> {
    return writeSignalBuckets(this.#db, buckets);
  }

  readSignalBuckets(service: string, from: number, to: number): Promise<SignalBucket[]> {
    return readSignalBuckets(this.#db, service, from, to);
  }

  listAlertStates(slo?: string): Promise<AlertState[]> {
    return listAlertStates(this.#db, slo);
  }

  listAlertTransitions(options?: { slo?: string; from?: number; to?: number; limit?: number }): Promise<AlertTransition[]> {
    return listAlertTransitions(this.#db, options);
  }

  saveEvaluation(input: { lease: string; holder: string; now: number; states: readonly AlertState[]; transitions: readonly AlertTransition[] }): Promise<boolean> {
    return saveEvaluation(this.#db, input);
  }

  acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    return acquireLease(this.#db, { name, holder, now, ttlMs });
  }

  releaseLease(name: string, holder: string): Promise<void> {
    return releaseLease(this.#db, name, holder);
  }

  getLease(name: string): Promise<{ holder: string; expiresAt: number } | undefined> {
    return getLease(this.#db, name);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.#db);
  }

  /** Closes the pool or the database file; calling it again waits for the first close. */
  close(): Promise<void> {
    this.#closed ??= this.#db.destroy();
    return this.#closed;
  }

  // ISO-8601 UTC with milliseconds: fixed width, so text order is time order (0001-initial.ts).
  #timestamp(): string {
    return this.#now().toISOString();
  }
}
