import type { AlertState, AlertTransition, Bucket, IncidentLifecycle, IncidentState, Result } from '@xops/core';
import type { IncidentEventRecord, IncidentRecord, NewIncident, NewIncidentEvent } from './incident-records';

export type { IncidentEventRecord, IncidentRecord, NewIncident, NewIncidentEvent } from './incident-records';
import type { EscalationSnapshot } from './escalation-snapshot';
import type { EscalationOutcome, EscalationRecord } from './escalations';
import type { PostmortemRecord, PostmortemWrite } from './postmortem-records';
import type { ActionItemPatch, ActionItemRecord, NewActionItem } from './action-items';

export type { EscalationSnapshot, SnapshotContact } from './escalation-snapshot';
export type { EscalationOutcome, EscalationRecord, EscalationStatus } from './escalations';
export type { PostmortemRecord, PostmortemWrite } from './postmortem-records';
export type { ActionItemPatch, ActionItemRecord, ActionItemStatus, NewActionItem } from './action-items';
import type { ApplyOutcome, AuditEntry, ConfigObject, RoutingConfig, StoredObject, TokenGrant, TokenInfo } from '@xops/contracts';
import type { ClaimedNotification, NewNotification, NotificationQuery, NotificationRecord } from './outbox';

export type { ChannelDestination, ClaimedNotification, NewNotification, NotificationQuery, NotificationRecord } from './outbox';
import type { AlertIntake, AlertIntakeOutcome, AlertRouting } from './alert-intake';
import type { IncomingAlertQuery, IncomingAlertRecord } from './alerts';
import type { NewSilence, SilenceRecord } from './silences';
import type { NumberedAlertTransition } from './slo-alert-transitions';

export type { AlertIntake, AlertIntakeOutcome, AlertReport, AlertRouting, IntakeAlertResult } from './alert-intake';
export type { IncomingAlertQuery, IncomingAlertRecord } from './alerts';
export type { NewSilence, SilenceRecord } from './silences';
export type { NumberedAlertTransition } from './slo-alert-transitions';

/** What the store needs to write one object: the parsed document and the text it came from. */
export interface ObjectWrite {
  readonly object: ConfigObject;
  readonly sourceText: string;
  readonly sourceFile: string | null;
}

/** A token as the store finds it by hash: what it lists, and the hash. */
export type TokenRecord = TokenInfo & { readonly hash: string };

/** A token to store: a role token (`role`) or an ingest token (`scopes`), by the hash of its secret. */
export type NewToken = { readonly name: string; readonly hash: string; readonly createdBy: string } & TokenGrant;

export interface NewAuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly kind?: string | null;
  readonly name?: string | null;
  readonly details?: unknown;
}

/** A bucket as stored: `resolutionMs` is 10 000 for recent data, 60 000 for older data. */
export interface StoredBucket extends Bucket {
  readonly resolutionMs: number;
}

/** One changed bucket, for evaluators that follow the write stream. */
export interface BucketChange extends StoredBucket {
  readonly seriesKey: string;
  readonly seq: number;
}

/**
 * One 10-second bucket of a service's golden signal (DESIGN.md §4): `value` adds up (request or
 * error increase, a latency bucket's increase for bound `le`, the sum of saturation readings),
 * `samples` counts readings (a saturation mean is `value / samples`). `le` is `''` outside latency.
 */
export interface SignalBucket {
  readonly service: string;
  readonly signal: 'requests' | 'errors' | 'latency' | 'saturation';
  readonly le: string;
  readonly start: number;
  readonly value: number;
  readonly samples: number;
}

/** A golden-signal bucket as stored: `resolutionMs` is 10 000 for the last day, 60 000 once rolled up. */
export interface StoredSignalBucket extends SignalBucket {
  readonly resolutionMs: number;
}

/** What `changeIncident` asks of its caller: the new lifecycle and the timeline entries that say why. */
export type IncidentChangeFn = (incident: IncidentRecord) => Result<{ readonly lifecycle: IncidentLifecycle; readonly events: readonly NewIncidentEvent[] }, string>;

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
  /** Stores a token by its hash; the plaintext never reaches the store. Audited as `token.create`. */
  insertToken(token: NewToken): Promise<TokenInfo>;
  findTokenByHash(hash: string): Promise<TokenRecord | undefined>;
  listTokens(): Promise<TokenInfo[]>;

  /** Newest first. `before` pages backwards by id. */
  listAudit(options?: { limit?: number; before?: number }): Promise<AuditEntry[]>;
  appendAudit(entry: NewAuditEntry): Promise<void>;

  // --- SLI buckets (DESIGN.md §4) -------------------------------------------------------------
  /**
   * Writes 10-second buckets of one series (`start` must be a multiple of 10 000 ms). `replace`
   * makes a re-sent bucket overwrite the stored one (idempotent ingest); `add` adds to it.
   * Returns how many buckets were written. Each write stamps the row with a new change sequence
   * number, so evaluators can ask for what changed since they last looked.
   */
  writeBuckets(seriesKey: string, buckets: readonly Bucket[], mode: 'replace' | 'add'): Promise<number>;
  /**
   * Buckets of one series in `[from, to)`, oldest first, at the finest resolution still kept for
   * that time (10 s for the last day, 1 min before; see `compactBuckets`). Each carries its resolution.
   */
  readBuckets(seriesKey: string, from: number, to: number): Promise<StoredBucket[]>;
  /** Every bucket written or changed after change sequence `afterSeq`, any series, in sequence order; at most `limit`. */
  readBucketChanges(afterSeq: number, limit: number): Promise<BucketChange[]>;
  /** Rolls 10-second buckets older than `now - 24 h` into 1-minute buckets; returns rows removed. */
  compactBuckets(now: number): Promise<number>;

  // --- Golden signals (DESIGN.md §4) ----------------------------------------------------------
  /** Adds the buckets to the stored ones (`value` and `samples` summed) in one transaction; returns rows written. */
  writeSignalBuckets(buckets: readonly SignalBucket[]): Promise<number>;
  /**
   * The golden-signal buckets of one service with start in `[from, to)`, oldest first, at the
   * finest resolution still kept for that time (see `compactSignalBuckets`), each with its resolution.
   */
  readSignalBuckets(service: string, from: number, to: number): Promise<StoredSignalBucket[]>;
  /** Rolls 10-second golden-signal rows older than `now - 24 h` into 1-minute rows (sums); returns rows removed. */
  compactSignalBuckets(now: number): Promise<number>;

  // --- Alert states (the SLO engine's output, the alert router's input) ------------------------
  listAlertStates(slo?: string): Promise<AlertState[]>;
  /** Transitions newest first, filtered by SLO and time range `[from, to)`. */
  listAlertTransitions(options?: { slo?: string; from?: number; to?: number; limit?: number }): Promise<AlertTransition[]>;
  /**
   * Saves the states and transitions of one evaluation tick in one transaction, only if `lease`
   * is still held by `holder` (fencing: a replica that lost its lease must not write, so no alert
   * fires twice). Returns false, writing nothing, when the lease is not held.
   */
  saveEvaluation(input: { lease: string; holder: string; now: number; states: readonly AlertState[]; transitions: readonly AlertTransition[] }): Promise<boolean>;

  // --- Incidents (issue 5, ADR 0013) ------------------------------------------------------------
  /**
   * Opens an incident (numbered, with its `opened` entry) in one transaction; with `escalation`,
   * starts its escalation in the same transaction (level 1 paged at once, see `startEscalation`).
   */
  openIncident(incident: NewIncident, now: number, options?: { escalation?: EscalationSnapshot }): Promise<IncidentRecord>;
  /** By id, or by number (`#42` or `42`). */
  getIncident(ref: string): Promise<IncidentRecord | undefined>;
  /** Newest first; `state: 'open'` means not resolved. */
  listIncidents(options?: { state?: IncidentState | 'open'; limit?: number }): Promise<IncidentRecord[]>;
  /**
   * Changes one incident in one transaction, its row locked: `change` sees the incident as stored
   * and decides (a pure function, e.g. around core's `applyIncidentAction`); its lifecycle and
   * timeline entries are written together. Undefined when there is no such incident; the error
   * of `change` when it refused, with nothing written.
   */
  changeIncident(ref: string, change: IncidentChangeFn, now: number): Promise<Result<IncidentRecord, string> | undefined>;
  appendIncidentEvents(incidentId: string, events: readonly NewIncidentEvent[]): Promise<void>;
  /** The timeline, oldest first. */
  listIncidentEvents(incidentId: string): Promise<IncidentEventRecord[]>;
  /** Incidents opened in `[from, to)`, oldest first. */
  listIncidentsOpenedBetween(from: number, to: number): Promise<IncidentRecord[]>;

  // --- Escalations (ADR 0013) -----------------------------------------------------------------
  getEscalation(incidentId: string): Promise<EscalationRecord | undefined>;
  /** Incidents whose escalation has a level due at `now`, the longest waiting first; at most `limit`. */
  listDueEscalations(now: number, limit: number): Promise<string[]>;
  /**
   * Pages the level an active escalation has due, in one transaction (timeline and outbox
   * together): `when: 'due'` only once its time has come, `'now'` at once, and with `after` only
   * when the escalation stands right after that level. Undefined when there was nothing to do.
   */
  advanceEscalation(incidentId: string, now: number, options: { when: 'due' | 'now'; after?: { level: number; round: number } }): Promise<EscalationOutcome | undefined>;

  // --- Postmortems and action items (issue 5) -------------------------------------------------
  getPostmortem(incidentId: string): Promise<PostmortemRecord | undefined>;
  /** Stores a draft unless the incident has a postmortem already; returns the one stored. */
  draftPostmortem(draft: PostmortemWrite): Promise<PostmortemRecord>;
  /** Undefined when the incident has no postmortem. */
  updatePostmortem(write: PostmortemWrite): Promise<PostmortemRecord | undefined>;
  /** Numbered `<incident number>-<n>`; undefined when there is no such incident. */
  addActionItem(incidentId: string, item: NewActionItem, now: number): Promise<ActionItemRecord | undefined>;
  listActionItems(incidentId: string): Promise<ActionItemRecord[]>;
  updateActionItem(incidentId: string, id: string, patch: ActionItemPatch, now: number): Promise<ActionItemRecord | undefined>;
  deleteActionItem(incidentId: string, id: string): Promise<boolean>;
  /** Open action items per incident; incidents with none are absent. */
  countOpenActionItems(incidentIds: readonly string[]): Promise<Map<string, number>>;
  /** Open action items due before `today` (`YYYY-MM-DD`), the most overdue first. */
  listOverdueActionItems(today: string): Promise<ActionItemRecord[]>;

  // --- Notification outbox (DESIGN.md §5, ADR 0014) -------------------------------------------
  /** Writes notifications in one transaction; a known idempotency key is skipped. Returns the ids inserted. */
  enqueueNotifications(rows: readonly NewNotification[]): Promise<string[]>;
  /**
   * Claims up to `limit` pending notifications due at `now`: each gets one more attempt and is
   * not due again before `now + leaseMs`, so one whose sender died is retried then (at least once).
   */
  claimDueNotifications(now: number, limit: number, leaseMs: number): Promise<ClaimedNotification[]>;
  /** False when the notification was not pending. */
  markNotificationDelivered(id: string, now: number): Promise<boolean>;
  /**
   * A failed attempt: retried at `nextAttemptAt`, or, with null, given up: `failed`, with a
   * `notification-failed` timeline entry at `now` on its incident. False when it was not pending.
   */
  markNotificationAttemptFailed(id: string, error: string, nextAttemptAt: number | null, now: number): Promise<boolean>;
  /** Newest first. */
  listNotifications(query?: NotificationQuery): Promise<NotificationRecord[]>;
  /** The server's own secret `name` (e.g. the link-signing key), made with `generate` on first use; one value for every replica. */
  getOrCreateServerSecret(name: string, generate: () => string): Promise<string>;

  // --- Alert pipeline (issue 5, ADR 0013) -----------------------------------------------------
  /**
   * Takes alerts in, in one transaction: upserts them, runs the routing step for their groups,
   * stores the groups, opens or joins incidents (escalation started) and writes the outbox rows
   * of what is due now (see `intakeAlerts`).
   */
  intakeAlerts(intake: AlertIntake): Promise<AlertIntakeOutcome>;
  /** Looks at up to `limit` groups whose timer is due at `now`, in one transaction; `groups` is 0 when none was due. */
  tickAlertGroups(tick: { readonly now: number; readonly routing: AlertRouting; readonly limit: number }): Promise<AlertIntakeOutcome>;
  /** Alerts newest first, with what routing did with each. */
  listIncomingAlerts(query: IncomingAlertQuery): Promise<IncomingAlertRecord[]>;
  /** The firing episode of the alert with this fingerprint (its start), if one fires at `now`. */
  findFiringAlert(fingerprint: string, now: number): Promise<{ fingerprint: string; startsAt: number } | undefined>;
  /** Stores a silence, audited as `silence.create`. */
  createSilence(silence: NewSilence, now: number): Promise<SilenceRecord>;
  /** Newest first. */
  listSilences(): Promise<SilenceRecord[]>;
  getSilence(id: string): Promise<SilenceRecord | undefined>;
  /** Expires a silence now (audited as `silence.expire`); undefined when there is none. */
  expireSilence(id: string, actor: string, now: number): Promise<SilenceRecord | undefined>;
  /** The id of the last SLO alert transition the alert pipeline took in. */
  readSloAlertCursor(): Promise<number>;
  /** SLO alert transitions recorded after id `afterId`, oldest first, at most `limit`. */
  readAlertTransitionsAfter(afterId: number, limit: number): Promise<NumberedAlertTransition[]>;
  /**
   * Marks which firing alerts may inhibit others under these inhibition rules (the intake reads
   * only those): call it when the rules changed. Returns how many alerts changed.
   */
  reflagInhibitionSources(routing: Pick<RoutingConfig, 'inhibitRules'>): Promise<number>;
  /** Changes whenever an object of one of `kinds` is applied or deleted: caches compiled from them compare it. */
  configVersion(kinds: readonly string[]): Promise<string>;

  // --- Leases (DESIGN.md §5) -------------------------------------------------------------------
  /**
   * Takes or renews the lease `name` for `holder` until `now + ttlMs`. Succeeds when the lease is
   * free, expired, or already held by `holder`; atomic across replicas sharing the database.
   */
  acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
  releaseLease(name: string, holder: string): Promise<void>;
  getLease(name: string): Promise<{ holder: string; expiresAt: number } | undefined>;

  /** A cheap round trip, for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
