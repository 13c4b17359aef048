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
  alerts: AlertsTable;
  alert_groups: AlertGroupsTable;
  incidents: IncidentsTable;
  incident_events: IncidentEventsTable;
  escalations: EscalationsTable;
  outbox: OutboxTable;
  silences: SilencesTable;
  postmortems: PostmortemsTable;
  action_items: ActionItemsTable;
  server_secrets: ServerSecretsTable;
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

/**
 * An API token; only its hash is kept. A role token has `role`, an ingest token `scopes` (a JSON
 * array of scope names), never both (`migrations/0004-scoped-tokens.ts`).
 */
export interface ApiTokensTable {
  id: string;
  name: string;
  role: string | null;
  scopes: string | null;
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

/** Golden-signal buckets; see `0003-golden-signals.ts` and `0006-signal-rollup.ts`. */
export interface SignalBucketsTable {
  service: string;
  signal: 'requests' | 'errors' | 'latency' | 'saturation';
  le: string;
  start_ms: number;
  /** 10 000 as written, 60 000 once rolled up. */
  resolution_ms: number;
  value: number;
  samples: number;
}

// Issue 5's tables; see `migrations/0005-incidents.ts` and ADR 0013. Times are epoch ms, JSON is text.

/** One alert a source knows, by `(source, dedup_key)`. */
export interface AlertsTable {
  id: string;
  source: string;
  dedup_key: string;
  fingerprint: string;
  labels: string;
  annotations: string;
  summary: string;
  severity: string;
  status: string;
  starts_at_ms: number;
  ends_at_ms: number | null;
  received_at_ms: number;
  routed_at_ms: number | null;
  route: string | null;
  group_key: string | null;
  incident_id: string | null;
  suppressed_by: string | null;
  /** What routing did with it last, e.g. `paged:escalation-policy/payments` (0007). */
  outcome: string | null;
  /** 1 when its labels match the source side of an inhibition rule (0007). */
  inhibition_source: number;
}

/** One aggregation group of a route, with the routing state machine's state and its next timer. */
export interface AlertGroupsTable {
  group_key: string;
  route: string;
  group_labels: string;
  target: string;
  state: string;
  next_at_ms: number | null;
  incident_id: string | null;
  updated_at_ms: number;
}

export interface IncidentsTable {
  id: string;
  number: number;
  title: string;
  state: string;
  severity: string;
  group_key: string | null;
  services: string;
  roles: string;
  escalation_policy: string | null;
  declared_by: string | null;
  created_at_ms: number;
  acknowledged_at_ms: number | null;
  mitigated_at_ms: number | null;
  resolved_at_ms: number | null;
  updated_at_ms: number;
}

/** One entry of an incident's timeline. */
export interface IncidentEventsTable {
  id: Generated<number>;
  incident_id: string;
  at_ms: number;
  kind: string;
  actor: string;
  text: string;
  details: string | null;
  public: number;
}

/** Where an open incident's escalation stands: level and round of its policy snapshot. */
export interface EscalationsTable {
  incident_id: string;
  policy: string;
  level: number;
  round: number;
  next_at_ms: number | null;
  status: string;
  updated_at_ms: number;
}

/** One notification to deliver at least once (DESIGN.md §5). */
export interface OutboxTable {
  id: string;
  idempotency_key: string;
  incident_id: string | null;
  channel: string;
  destination: string;
  recipient: string | null;
  payload: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at_ms: number | null;
  last_error: string | null;
  created_at_ms: number;
  delivered_at_ms: number | null;
}

export interface SilencesTable {
  id: string;
  matchers: string;
  starts_at_ms: number;
  ends_at_ms: number | null;
  until_resolved: string | null;
  /** The firing episode (its `startsAt`) an `until_resolved` silence is tied to (0007). */
  until_resolved_starts_at_ms: number | null;
  comment: string;
  created_by: string;
  created_at_ms: number;
  expired_at_ms: number | null;
}

export interface PostmortemsTable {
  incident_id: string;
  document: string;
  status: string;
  created_at_ms: number;
  updated_at_ms: number;
  updated_by: string;
}

export interface ActionItemsTable {
  id: string;
  incident_id: string;
  title: string;
  owner: string;
  due_date: string;
  status: string;
  created_at_ms: number;
  updated_at_ms: number;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at_ms: number;
}
