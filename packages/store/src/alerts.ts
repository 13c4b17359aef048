import { alertOutcomeSchema, alertSourceSchema, type AlertOutcome, type AlertSource } from '@xops/contracts';
import type { LabelSet, TrackedAlert } from '@xops/core';
import { CompiledQuery, type Kysely, type Selectable } from 'kysely';
import { z } from 'zod';
import { fingerprintLookups } from './alert-fingerprint-lookup';
import type { AlertsTable, XopsDatabase } from './xops-database';
import type { StoreEngine } from './xops-store';

/** An alert row as the pipeline reads and writes it; times are epoch ms. */
export type AlertRow = Selectable<AlertsTable>;

/** An alert a source sent, as `listIncomingAlerts` gives it, with what routing did with it. */
export interface IncomingAlertRecord {
  readonly id: string;
  readonly source: AlertSource;
  readonly dedupKey: string;
  readonly fingerprint: string;
  readonly labels: LabelSet;
  readonly annotations: Readonly<Record<string, string>>;
  readonly summary: string;
  readonly severity: string;
  /** `firing` until it resolved or its end passed (at the `now` of the listing). */
  readonly status: 'firing' | 'resolved';
  readonly startsAt: number;
  readonly endsAt: number | null;
  readonly receivedAt: number;
  readonly route: string | null;
  readonly groupKey: string | null;
  readonly outcome: AlertOutcome | null;
  readonly target: string | null;
  readonly suppressedBy: readonly string[];
  readonly incident: { readonly id: string; readonly number: number } | null;
}

export interface IncomingAlertQuery {
  readonly now: number;
  readonly status?: 'firing' | 'resolved';
  readonly source?: string;
  /** 1…1000, 100 by default. */
  readonly limit?: number;
}

// Bind parameters per statement stay far below both engines' limits.
const KEYS_PER_STATEMENT = 500;
const LIST_LIMIT = { default: 100, max: 1000 } as const;
const TEXT_MAP = z.record(z.string(), z.string());

/** `source` and `dedup_key` in one string, for maps. */
export const alertKeyOf = (source: string, dedupKey: string): string => `${source}\u0000${dedupKey}`;

/** The stored rows of these (source, dedup key) pairs, by `alertKeyOf`. */
export async function findAlertRows(trx: Kysely<XopsDatabase>, keys: readonly { source: string; dedupKey: string }[]): Promise<Map<string, AlertRow>> {
  const found = new Map<string, AlertRow>();
  const bySource = new Map<string, string[]>();
  for (const { source, dedupKey } of keys) {
    const dedupKeys = bySource.get(source);
    if (dedupKeys === undefined) bySource.set(source, [dedupKey]);
    else dedupKeys.push(dedupKey);
  }
  for (const [source, dedupKeys] of bySource) {
    for (const chunk of chunks([...new Set(dedupKeys)])) {
      const rows = await trx.selectFrom('alerts').selectAll().where('source', '=', source).where('dedup_key', 'in', chunk).execute();
      for (const row of rows) found.set(alertKeyOf(row.source, row.dedup_key), row);
    }
  }
  return found;
}

/**
 * The rows of these fingerprints, one per fingerprint: the one received last when two sources
 * sent the same labels.
 */
export async function findAlertRowsByFingerprint(trx: Kysely<XopsDatabase>, fingerprints: Iterable<string>): Promise<Map<string, AlertRow>> {
  const found = new Map<string, AlertRow>();
  for (const chunk of chunks([...new Set(fingerprints)])) {
    for (const lookup of fingerprintLookups(chunk)) {
      for (const row of await trx.selectFrom('alerts').selectAll().where(lookup).execute()) {
        const known = found.get(row.fingerprint);
        if (known === undefined || Number(row.received_at_ms) > Number(known.received_at_ms)) found.set(row.fingerprint, row);
      }
    }
  }
  return found;
}

/**
 * The alerts stored as firing whose labels match the source side of an inhibition rule: the ones
 * that may inhibit others. Those whose end has passed are left to the caller.
 */
export async function findInhibitingAlertRows(trx: Kysely<XopsDatabase>): Promise<AlertRow[]> {
  return trx.selectFrom('alerts').selectAll().where('status', '=', 'firing').where('inhibition_source', '=', 1).execute();
}

/**
 * Sets `inhibition_source` of every firing alert by `isSource` (its labels match the source side
 * of an inhibition rule), after the rules changed; returns how many rows changed. One pass over
 * the firing alerts, in batches, each its own statement.
 */
export async function reflagInhibitionSources(db: Kysely<XopsDatabase>, isSource: (labels: LabelSet) => boolean): Promise<number> {
  const rows = await db.selectFrom('alerts').select(['id', 'labels', 'inhibition_source']).where('status', '=', 'firing').execute();
  const flips = { on: [] as string[], off: [] as string[] };
  for (const row of rows) {
    const source = isSource(parseTextMap(row.labels)) ? 1 : 0;
    if (source !== Number(row.inhibition_source)) (source === 1 ? flips.on : flips.off).push(row.id);
  }
  for (const [value, ids] of [[1, flips.on], [0, flips.off]] as const) {
    for (const chunk of chunks(ids)) await db.updateTable('alerts').set({ inhibition_source: value }).where('id', 'in', chunk).execute();
  }
  return flips.on.length + flips.off.length;
}

/** The columns of `alerts`, in the order `writeAlertRows` binds them. */
const ALERT_COLUMNS = [
  'id', 'source', 'dedup_key', 'fingerprint', 'labels', 'annotations', 'summary', 'severity', 'status', 'starts_at_ms', 'ends_at_ms',
  'received_at_ms', 'routed_at_ms', 'route', 'group_key', 'incident_id', 'suppressed_by', 'outcome', 'inhibition_source',
] as const satisfies readonly (keyof AlertRow)[];
// 19 columns a row: 45 rows stay under SQLite's 999 bind parameters of old builds.
const ROWS_PER_UPSERT = 45;

/** The upsert of `rows` by `(source, dedup_key)`: every column but the id overwritten. */
function upsertAlerts(trx: Kysely<XopsDatabase>, rows: readonly AlertRow[]) {
  return trx.insertInto('alerts').values(rows)
    .onConflict((oc) => oc.columns(['source', 'dedup_key']).doUpdateSet((eb) => ({
      fingerprint: eb.ref('excluded.fingerprint'),
      labels: eb.ref('excluded.labels'),
      annotations: eb.ref('excluded.annotations'),
      summary: eb.ref('excluded.summary'),
      severity: eb.ref('excluded.severity'),
      status: eb.ref('excluded.status'),
      starts_at_ms: eb.ref('excluded.starts_at_ms'),
      ends_at_ms: eb.ref('excluded.ends_at_ms'),
      received_at_ms: eb.ref('excluded.received_at_ms'),
      routed_at_ms: eb.ref('excluded.routed_at_ms'),
      route: eb.ref('excluded.route'),
      group_key: eb.ref('excluded.group_key'),
      incident_id: eb.ref('excluded.incident_id'),
      suppressed_by: eb.ref('excluded.suppressed_by'),
      outcome: eb.ref('excluded.outcome'),
      inhibition_source: eb.ref('excluded.inhibition_source'),
    })));
}

// Kysely parses and compiles a statement anew on every run, a few µs a bound value: for 45 rows
// of 19 columns, about what SQLite takes to run it. The upsert of n rows is compiled once per
// engine (placeholders differ) from placeholder rows, then run with the rows' values in ALERT_COLUMNS order.
const upsertTexts = new Map<string, string>();
// A distinct value per column, so that the order Kysely binds them in can be checked.
const PLACEHOLDER: AlertRow = {
  id: 'id', source: 'source', dedup_key: 'dedup_key', fingerprint: 'fingerprint', labels: 'labels', annotations: 'annotations',
  summary: 'summary', severity: 'severity', status: 'status', starts_at_ms: 1, ends_at_ms: 2, received_at_ms: 3, routed_at_ms: 4,
  route: 'route', group_key: 'group_key', incident_id: 'incident_id', suppressed_by: 'suppressed_by', outcome: 'outcome', inhibition_source: 5,
};

function upsertText(trx: Kysely<XopsDatabase>, engine: StoreEngine, rowCount: number): string | undefined {
  const key = `${engine}:${rowCount}`;
  let text = upsertTexts.get(key);
  if (text === undefined) {
    const compiled = upsertAlerts(trx, Array.from({ length: rowCount }, () => PLACEHOLDER)).compile();
    // Every value a parameter, row by row in ALERT_COLUMNS order, or the text is not reused.
    const inOrder = compiled.parameters.length === rowCount * ALERT_COLUMNS.length
      && compiled.parameters.every((value, i) => value === PLACEHOLDER[ALERT_COLUMNS[i % ALERT_COLUMNS.length] ?? 'id']);
    if (!inOrder) return undefined;
    upsertTexts.set(key, text = compiled.sql);
  }
  return text;
}

/** Inserts or overwrites rows by `(source, dedup_key)`, in the caller's transaction. */
export async function writeAlertRows(trx: Kysely<XopsDatabase>, engine: StoreEngine, rows: readonly AlertRow[]): Promise<void> {
  for (let offset = 0; offset < rows.length; offset += ROWS_PER_UPSERT) {
    const chunk = rows.slice(offset, offset + ROWS_PER_UPSERT);
    const text = upsertText(trx, engine, chunk.length);
    if (text === undefined) await upsertAlerts(trx, chunk).execute();
    else {
      const values: unknown[] = [];
      for (const row of chunk) for (const column of ALERT_COLUMNS) values.push(row[column]);
      await trx.executeQuery(CompiledQuery.raw(text, values));
    }
  }
}

/** How many alerts attached to an incident still fire at `now`. */
export async function countFiringAlertsOfIncident(trx: Kysely<XopsDatabase>, incidentId: string, now: number): Promise<number> {
  const row = await trx.selectFrom('alerts').select((eb) => eb.fn.countAll<number>().as('firing'))
    .where('incident_id', '=', incidentId).where('status', '=', 'firing')
    .where((eb) => eb.or([eb('ends_at_ms', 'is', null), eb('ends_at_ms', '>', now)]))
    .executeTakeFirst();
  return Number(row?.firing ?? 0);
}

/** The router's view of a row: fingerprint, labels (read by `labelsOf`, `parseTextMap` by default) and times. */
export function trackedAlertOf(row: AlertRow, labelsOf: (text: string) => LabelSet = parseTextMap): TrackedAlert {
  return { fingerprint: row.fingerprint, labels: labelsOf(row.labels), startsAt: Number(row.starts_at_ms), endsAt: row.ends_at_ms === null ? null : Number(row.ends_at_ms) };
}

/** Whether a row's alert fires at `now`: stored as firing, with no end or an end still to come. */
export function rowFiresAt(row: AlertRow, now: number): boolean {
  return row.status === 'firing' && (row.ends_at_ms === null || Number(row.ends_at_ms) > now);
}

/** Alerts newest first (by reception), with the number of the incident each belongs to. */
export async function listIncomingAlerts(db: Kysely<XopsDatabase>, query: IncomingAlertQuery): Promise<IncomingAlertRecord[]> {
  const asked = Math.trunc(query.limit ?? LIST_LIMIT.default);
  const limit = Number.isNaN(asked) ? LIST_LIMIT.default : Math.min(Math.max(asked, 1), LIST_LIMIT.max);
  const { now, status, source } = query;
  const rows = await db.selectFrom('alerts')
    .leftJoin('incidents', 'incidents.id', 'alerts.incident_id')
    .selectAll('alerts')
    .select('incidents.number as incident_number')
    .$if(source !== undefined, (qb) => qb.where('alerts.source', '=', source ?? ''))
    .$if(status === 'firing', (qb) => qb.where('alerts.status', '=', 'firing')
      .where((eb) => eb.or([eb('alerts.ends_at_ms', 'is', null), eb('alerts.ends_at_ms', '>', now)])))
    .$if(status === 'resolved', (qb) => qb.where((eb) => eb.or([eb('alerts.status', '!=', 'firing'), eb('alerts.ends_at_ms', '<=', now)])))
    .orderBy('alerts.received_at_ms', 'desc').orderBy('alerts.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => toIncomingAlert(row, now));
}

/** `kind:target` as the `outcome` column holds it, e.g. `paged:escalation-policy/payments`. */
export function formatOutcome(outcome: AlertOutcome, target: string | null): string {
  return target === null ? outcome : `${outcome}:${target}`;
}

function toIncomingAlert(row: AlertRow & { incident_number: number | null }, now: number): IncomingAlertRecord {
  const separator = row.outcome?.indexOf(':') ?? -1;
  const outcome = alertOutcomeSchema.safeParse(separator === -1 ? row.outcome : row.outcome?.slice(0, separator));
  return {
    id: row.id,
    source: alertSourceSchema.catch('alerts').parse(row.source),
    dedupKey: row.dedup_key,
    fingerprint: row.fingerprint,
    labels: parseTextMap(row.labels),
    annotations: parseTextMap(row.annotations),
    summary: row.summary,
    severity: row.severity,
    status: rowFiresAt(row, now) ? 'firing' : 'resolved',
    startsAt: Number(row.starts_at_ms),
    endsAt: row.ends_at_ms === null ? null : Number(row.ends_at_ms),
    receivedAt: Number(row.received_at_ms),
    route: row.route,
    groupKey: row.group_key,
    outcome: outcome.success ? outcome.data : null,
    target: separator === -1 ? null : row.outcome?.slice(separator + 1) ?? null,
    suppressedBy: parseTextList(row.suppressed_by),
    incident: row.incident_id === null || row.incident_number === null ? null : { id: row.incident_id, number: Number(row.incident_number) },
  };
}

/** A JSON column of text values (labels, annotations): input from outside, checked (STYLE.md). */
export function parseTextMap(text: string): Record<string, string> {
  try {
    const parsed = TEXT_MAP.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

const TEXT_LIST = z.array(z.string());

/** The `suppressed_by` column: a JSON list of reasons, or null for none. */
export function parseTextList(text: string | null): string[] {
  if (text === null) return [];
  try {
    const parsed = TEXT_LIST.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let offset = 0; offset < items.length; offset += KEYS_PER_STATEMENT) yield items.slice(offset, offset + KEYS_PER_STATEMENT);
}
