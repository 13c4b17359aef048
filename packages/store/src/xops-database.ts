import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them. JSON columns are text and audit/config timestamps are ISO-8601
 * UTC text on both engines (see `migrations/0001-initial.ts`); the SLO engine's tables keep
 * epoch milliseconds as integers (`migrations/0002-slo-engine.ts`). One row type serves both.
 */
export interface XopsDatabase {
  config_objects: ConfigObjectsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  sli_buckets: SliBucketsTable;
  change_counters: ChangeCountersTable;
  alert_states: AlertStatesTable;
  alert_transitions: AlertTransitionsTable;
  leases: LeasesTable;
  signal_buckets: SignalBucketsTable;
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

/**
 * One bucket of one SLI series (DESIGN.md §4). Times are epoch milliseconds (bigint on
 * PostgreSQL, read back as numbers: see `postgres-dialect.ts`); counts are doubles, because
 * sources such as PromQL `increase()` give fractional counts.
 */
export interface SliBucketsTable {
  series_key: string;
  resolution_ms: number;
  start_ms: number;
  good: number;
  total: number;
  /** The change sequence number of the last write to this row (`change_counters`). */
  seq: number;
}

/** Named counters that hand out change sequence numbers; see `0002-slo-engine.ts`. */
export interface ChangeCountersTable {
  name: string;
  value: number;
}

/** The current state of one alert instance; `(slo, objective, rule)` is the key. */
export interface AlertStatesTable {
  slo: string;
  objective: string;
  rule: string;
  status: string;
  severity: string;
  active_since: number | null;
  fired_at: number | null;
  resolved_at: number | null;
  value: number | null;
}

/** One change of an alert's status; never the same `(slo, objective, rule, at, to_status)` twice. */
export interface AlertTransitionsTable {
  id: Generated<number>;
  slo: string;
  objective: string;
  rule: string;
  at: number;
  from_status: string;
  to_status: string;
  severity: string;
  value: number | null;
}

/** A lease on a periodic loop (DESIGN.md §5): `holder` runs it until `expires_at` (epoch ms). */
export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: number;
}

/** Golden-signal buckets; see `0003-golden-signals.ts`. */
export interface SignalBucketsTable {
  service: string;
  signal: 'requests' | 'errors' | 'latency' | 'saturation';
  le: string;
  start_ms: number;
  value: number;
  samples: number;
}
