import type { ApplyOutcome, AuditEntry, ConfigObject, Role, StoredObject, TokenInfo } from '@xops/contracts';

/** What the store needs to write one object: the parsed document and the text it came from. */
export interface ObjectWrite {
  readonly object: ConfigObject;
  readonly sourceText: string;
  readonly sourceFile: string | null;
}

export interface TokenRecord extends TokenInfo {
  readonly hash: string;
}

export interface NewAuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly kind?: string | null;
  readonly name?: string | null;
  readonly details?: unknown;
}

/** The database engines the store runs on. */
export type StoreEngine = 'sqlite' | 'postgres';

/**
 * The persistence port of xops. One implementation (Kysely) runs on SQLite and PostgreSQL;
 * every method is atomic, and every mutation writes its audit entry in the same transaction.
 */
export interface XopsStore {
  readonly engine: StoreEngine;

  /** All objects of a kind (or of every kind), ordered by kind then name. */
  listObjects(kind?: string): Promise<StoredObject[]>;
  getObject(kind: string, name: string): Promise<StoredObject | undefined>;
  /**
   * Creates or replaces every object in one transaction (all or nothing). An object whose
   * document is deep-equal to the stored one is `unchanged` and keeps its revision.
   * With `dryRun`, computes the same outcomes and writes nothing.
   */
  applyObjects(writes: readonly ObjectWrite[], actor: string, options?: { dryRun?: boolean }): Promise<ApplyOutcome[]>;
  /** Deletes the named objects in one transaction; a missing one yields action `unchanged`, revision 0. */
  deleteObjects(refs: readonly { kind: string; name: string }[], actor: string, options?: { dryRun?: boolean }): Promise<ApplyOutcome[]>;

  countTokens(): Promise<number>;
  /** Stores a token by its hash; the plaintext never reaches the store. */
  insertToken(token: { name: string; role: Role; hash: string; createdBy: string }): Promise<TokenInfo>;
  findTokenByHash(hash: string): Promise<TokenRecord | undefined>;
  listTokens(): Promise<TokenInfo[]>;

  /** Newest first. `before` pages backwards by id. */
  listAudit(options?: { limit?: number; before?: number }): Promise<AuditEntry[]>;
  appendAudit(entry: NewAuditEntry): Promise<void>;

  /** A cheap round trip, for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
