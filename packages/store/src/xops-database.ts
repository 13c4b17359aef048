import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them. JSON columns are text and timestamps are ISO-8601 UTC text on
 * both engines (see `migrations/0001-initial.ts`), so one row type serves SQLite and PostgreSQL.
 */
export interface XopsDatabase {
  config_objects: ConfigObjectsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
}

/** One applied config object; `(kind, name)` is the key. */
export interface ConfigObjectsTable {
  kind: string;
  name: string;
  api_version: string;
  /** The document as JSON text, key order as applied. */
  document: string;
  source_text: string;
  source_file: string | null;
  revision: number;
  applied_by: string;
  created_at: string;
  updated_at: string;
}

/** An API token; only its hash is kept. */
export interface ApiTokensTable {
  id: string;
  name: string;
  role: string;
  hash: string;
  created_by: string;
  created_at: string;
}

/** One audit entry; `id` only grows, so it orders and pages the log. */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  kind: string | null;
  name: string | null;
  /** JSON text, or null when the entry has no details. */
  details: string | null;
}
