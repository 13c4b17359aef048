import type { ApplyOutcome, AuditEntry, RoutingConfig, StoredObject, TokenInfo } from '@xops/contracts';
import type { AlertState, AlertTransition, Bucket, IncidentState, Result } from '@xops/core';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { applyObjectWrites } from './apply-objects';
import {
  appendIncidentEvents, getIncidentRecord, insertIncident, listIncidentEvents, listIncidentRecords, saveIncidentLifecycle,
  type IncidentEventRecord, type IncidentRecord, type NewIncident, type NewIncidentEvent,
} from './incident-records';
import { countApiTokens, findApiTokenByHash, insertApiToken, listApiTokens } from './api-tokens';
import { listAlertStates, listAlertTransitions, saveEvaluation } from './alert-states';
import { appendAuditEntry, listAuditEntries } from './audit-log';
import { getConfigObject, listConfigObjects } from './config-objects';
import { deleteObjectRefs } from './delete-objects';
import { acquireLease, getLease, releaseLease } from './leases';
import {
  claimDueNotifications, enqueueNotifications, listNotifications, markNotificationAttemptFailed, markNotificationDelivered,
  type ClaimedNotification, type NewNotification, type NotificationQuery, type NotificationRecord,
} from './outbox';
import { getOrCreateServerSecret } from './server-secrets';
import type { EscalationSnapshot } from './escalation-snapshot';
import { advanceEscalation, getEscalation, listDueEscalations, startEscalation, stopEscalation, type EscalationOutcome, type EscalationRecord } from './escalations';
import { listIncidentsOpenedBetween } from './incidents-opened-between';
import { getPostmortemRecord, insertPostmortemDraft, updatePostmortemRecord, type PostmortemRecord, type PostmortemWrite } from './postmortem-records';
import {
  countOpenActionItems, deleteActionItemRecord, insertActionItem, listActionItemRecords, listOverdueActionItemRecords, updateActionItemRecord,
  type ActionItemPatch, type ActionItemRecord, type NewActionItem,
} from './action-items';
import { runInTransaction } from './run-in-transaction';
import { fingerprintLookups } from './alert-fingerprint-lookup';
import { intakeAlerts, isInhibitionSource, type AlertIntake, type AlertIntakeOutcome, type AlertRouting } from './alert-intake';
import type { AlertIntakeThread } from './alert-intake-thread';
import { listDueAlertGroups } from './alert-groups';
import { listIncomingAlerts, reflagInhibitionSources, type IncomingAlertQuery, type IncomingAlertRecord } from './alerts';
import { configObjectsVersion } from './config-version';
import { expireSilenceRecord, getSilenceRecord, insertSilence, listSilenceRecords, type NewSilence, type SilenceRecord } from './silences';
import { readAlertTransitionsAfter, readSloAlertCursor, type NumberedAlertTransition } from './slo-alert-transitions';
import { compactSignalBuckets, readSignalBuckets, writeSignalBuckets } from './signal-buckets';
import { compactSliBuckets, readSliBucketChanges, readSliBuckets, writeSliBuckets } from './sli-buckets';
import type { XopsDatabase } from './xops-database';
import type {
  BucketChange, IncidentChangeFn, NewAuditEntry, NewToken, ObjectWrite, SignalBucket, StoredBucket, StoredSignalBucket, StoreEngine, TokenRecord, XopsStore,
} from './xops-store';

/** What a `KyselyStore` is built from; `openStore` assembles it. */
export interface KyselyStoreOptions {
  readonly db: Kysely<XopsDatabase>;
  readonly engine: StoreEngine;
  /** The time mutations are stamped with. */
  readonly now: () => Date;
  /** Where alert intakes run instead of on `db` (SQLite: a thread of their own); on `db` when absent. */
  readonly intakeThread?: AlertIntakeThread;
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
  readonly #intakeThread: AlertIntakeThread | undefined;
  #closed: Promise<void> | undefined;

  constructor(options: KyselyStoreOptions) {
    this.engine = options.engine;
    this.#db = options.db;
    this.#now = options.now;
    this.#intakeThread = options.intakeThread;
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

  insertToken(token: NewToken): Promise<TokenInfo> {
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

  readSignalBuckets(service: string, from: number, to: number): Promise<StoredSignalBucket[]> {
    return readSignalBuckets(this.#db, service, from, to);
  }

  compactSignalBuckets(now: number): Promise<number> {
    return compactSignalBuckets(this.#db, this.engine, now);
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

  openIncident(incident: NewIncident, now: number, options: { escalation?: EscalationSnapshot } = {}): Promise<IncidentRecord> {
    return runInTransaction(this.#db, { dryRun: false }, async (trx) => {
      const opened = await insertIncident(trx, incident, now);
      if (options.escalation !== undefined) await startEscalation(trx, opened, options.escalation, now);
      return opened;
    });
  }

  getIncident(ref: string): Promise<IncidentRecord | undefined> {
    return getIncidentRecord(this.#db, ref);
  }

  listIncidents(options?: { state?: IncidentState | 'open'; limit?: number }): Promise<IncidentRecord[]> {
    return listIncidentRecords(this.#db, options);
  }

  changeIncident(ref: string, change: IncidentChangeFn, now: number): Promise<Result<IncidentRecord, string> | undefined> {
    return runInTransaction(this.#db, { dryRun: false }, async (trx) => {
      const incident = await getIncidentRecord(trx, ref, this.engine === 'postgres');
      if (incident === undefined) return undefined;
      const decided = change(incident);
      if (!decided.ok) return decided;
      await saveIncidentLifecycle(trx, incident.id, decided.value.lifecycle, now);
      await appendIncidentEvents(trx, incident.id, decided.value.events);
      // An acknowledgement (or anything past it) stops the paging, in the same transaction (ADR 0013).
      if (incident.state === 'triggered' && decided.value.lifecycle.state !== 'triggered') {
        await stopEscalation(trx, { incidentId: incident.id, now, actor: decided.value.events[0]?.actor ?? 'xops', reason: `the incident was ${decided.value.lifecycle.state}` });
      }
      return { ok: true, value: { ...incident, ...decided.value.lifecycle, updatedAt: now } };
    });
  }

  appendIncidentEvents(incidentId: string, events: readonly NewIncidentEvent[]): Promise<void> {
    return appendIncidentEvents(this.#db, incidentId, events);
  }

  listIncidentEvents(incidentId: string): Promise<IncidentEventRecord[]> {
    return listIncidentEvents(this.#db, incidentId);
  }

  listIncidentsOpenedBetween(from: number, to: number): Promise<IncidentRecord[]> {
    return listIncidentsOpenedBetween(this.#db, from, to);
  }

  getEscalation(incidentId: string): Promise<EscalationRecord | undefined> {
    return getEscalation(this.#db, incidentId);
  }

  listDueEscalations(now: number, limit: number): Promise<string[]> {
    return listDueEscalations(this.#db, now, limit);
  }

  advanceEscalation(incidentId: string, now: number, options: { when: 'due' | 'now'; after?: { level: number; round: number } }): Promise<EscalationOutcome | undefined> {
    return runInTransaction(this.#db, { dryRun: false }, (trx) =>
      advanceEscalation(trx, { incidentId, now, lock: this.engine === 'postgres', ...options }));
  }

  getPostmortem(incidentId: string): Promise<PostmortemRecord | undefined> {
    return getPostmortemRecord(this.#db, incidentId);
  }

  draftPostmortem(draft: PostmortemWrite): Promise<PostmortemRecord> {
    return insertPostmortemDraft(this.#db, draft);
  }

  updatePostmortem(write: PostmortemWrite): Promise<PostmortemRecord | undefined> {
    return updatePostmortemRecord(this.#db, write);
  }

  addActionItem(incidentId: string, item: NewActionItem, now: number): Promise<ActionItemRecord | undefined> {
    return runInTransaction(this.#db, { dryRun: false }, (trx) => insertActionItem(trx, incidentId, item, { now, lock: this.engine === 'postgres' }));
  }

  listActionItems(incidentId: string): Promise<ActionItemRecord[]> {
    return listActionItemRecords(this.#db, incidentId);
  }

  updateActionItem(incidentId: string, id: string, patch: ActionItemPatch, now: number): Promise<ActionItemRecord | undefined> {
    return updateActionItemRecord(this.#db, incidentId, id, patch, now);
  }

  deleteActionItem(incidentId: string, id: string): Promise<boolean> {
    return deleteActionItemRecord(this.#db, incidentId, id);
  }

  countOpenActionItems(incidentIds: readonly string[]): Promise<Map<string, number>> {
    return countOpenActionItems(this.#db, incidentIds);
  }

  listOverdueActionItems(today: string): Promise<ActionItemRecord[]> {
    return listOverdueActionItemRecords(this.#db, today);
  }

  enqueueNotifications(rows: readonly NewNotification[]): Promise<string[]> {
    return runInTransaction(this.#db, { dryRun: false }, (trx) => enqueueNotifications(trx, rows));
  }

  claimDueNotifications(now: number, limit: number, leaseMs: number): Promise<ClaimedNotification[]> {
    return claimDueNotifications(this.#db, this.engine, { now, limit, leaseMs });
  }

  markNotificationDelivered(id: string, now: number): Promise<boolean> {
    return markNotificationDelivered(this.#db, id, now);
  }

  markNotificationAttemptFailed(id: string, error: string, nextAttemptAt: number | null, now: number): Promise<boolean> {
    return markNotificationAttemptFailed(this.#db, { id, error, nextAttemptAt, now });
  }

  listNotifications(query?: NotificationQuery): Promise<NotificationRecord[]> {
    return listNotifications(this.#db, query);
  }

  getOrCreateServerSecret(name: string, generate: () => string): Promise<string> {
    return getOrCreateServerSecret(this.#db, name, generate, this.#now().getTime());
  }

  intakeAlerts(intake: AlertIntake): Promise<AlertIntakeOutcome> {
    if (this.#intakeThread !== undefined) return this.#intakeThread.intake(intake);
    return runInTransaction(this.#db, { dryRun: false }, (trx) => intakeAlerts(trx, this.engine, intake));
  }

  async tickAlertGroups(tick: { readonly now: number; readonly routing: AlertRouting; readonly limit: number }): Promise<AlertIntakeOutcome> {
    const groupKeys = await listDueAlertGroups(this.#db, tick.now, tick.limit);
    if (groupKeys.length === 0) return { alerts: [], notifications: 0, groups: 0 };
    return this.intakeAlerts({ reports: [], groupKeys, now: tick.now, actor: 'xops', routing: tick.routing });
  }

  listIncomingAlerts(query: IncomingAlertQuery): Promise<IncomingAlertRecord[]> {
    return listIncomingAlerts(this.#db, query);
  }

  async findFiringAlert(fingerprint: string, now: number): Promise<{ fingerprint: string; startsAt: number } | undefined> {
    let earliest: number | undefined;
    for (const lookup of fingerprintLookups([fingerprint])) {
      const row = await this.#db.selectFrom('alerts').select('starts_at_ms')
        .where(lookup).where('status', '=', 'firing')
        .where((eb) => eb.or([eb('ends_at_ms', 'is', null), eb('ends_at_ms', '>', now)]))
        .orderBy('starts_at_ms').executeTakeFirst();
      if (row !== undefined && (earliest === undefined || Number(row.starts_at_ms) < earliest)) earliest = Number(row.starts_at_ms);
    }
    return earliest === undefined ? undefined : { fingerprint, startsAt: earliest };
  }

  createSilence(silence: NewSilence, now: number): Promise<SilenceRecord> {
    return runInTransaction(this.#db, { dryRun: false }, (trx) => insertSilence(trx, silence, now));
  }

  listSilences(): Promise<SilenceRecord[]> {
    return listSilenceRecords(this.#db);
  }

  getSilence(id: string): Promise<SilenceRecord | undefined> {
    return getSilenceRecord(this.#db, id);
  }

  expireSilence(id: string, actor: string, now: number): Promise<SilenceRecord | undefined> {
    return runInTransaction(this.#db, { dryRun: false }, (trx) => expireSilenceRecord(trx, { id, actor, now }));
  }

  readSloAlertCursor(): Promise<number> {
    return readSloAlertCursor(this.#db);
  }

  readAlertTransitionsAfter(afterId: number, limit: number): Promise<NumberedAlertTransition[]> {
    return readAlertTransitionsAfter(this.#db, afterId, limit);
  }

  reflagInhibitionSources(routing: Pick<RoutingConfig, 'inhibitRules'>): Promise<number> {
    return reflagInhibitionSources(this.#db, (labels) => isInhibitionSource(routing, labels));
  }

  configVersion(kinds: readonly string[]): Promise<string> {
    return configObjectsVersion(this.#db, kinds);
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
    this.#closed ??= (async () => {
      await this.#intakeThread?.close();
      await this.#db.destroy();
    })();
    return this.#closed;
  }

  // ISO-8601 UTC with milliseconds: fixed width, so text order is time order (0001-initial.ts).
  #timestamp(): string {
    return this.#now().toISOString();
  }
}
