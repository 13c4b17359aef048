import { alertKeyOf, type AlertRow } from './alerts';

/**
 * The rows one transaction changes, by alert key, with the rows as stored: a row is copied the
 * first time the step changes it, and written at the end only if it differs from what is stored.
 */
export class AlertRowSet {
  readonly #working = new Map<string, AlertRow>();
  readonly #before = new Map<string, AlertRow | null>();
  readonly #byFingerprint = new Map<string, string>();

  constructor(
    private readonly stored: ReadonlyMap<string, AlertRow>,
    private readonly known: ReadonlyMap<string, AlertRow>,
  ) {}

  /** Puts a row that a report made. */
  put(key: string, row: AlertRow): void {
    this.#working.set(key, row);
    this.#before.set(key, this.stored.get(key) ?? null);
    this.#byFingerprint.set(row.fingerprint, key);
  }

  get(key: string): AlertRow | undefined {
    return this.#working.get(key);
  }

  /** The row speaking for a fingerprint, as it is now, without taking it. */
  peek(fingerprint: string): AlertRow | undefined {
    const key = this.#byFingerprint.get(fingerprint);
    return key === undefined ? this.known.get(fingerprint) : this.#working.get(key);
  }

  /** The row speaking for a fingerprint, to change: a report's row, or a copy of the stored one. */
  take(fingerprint: string): AlertRow | undefined {
    const key = this.#byFingerprint.get(fingerprint);
    if (key !== undefined) return this.#working.get(key);
    const row = this.known.get(fingerprint);
    if (row === undefined) return undefined;
    const rowKey = alertKeyOf(row.source, row.dedup_key);
    // The stored row of a key a report has since given other labels is not this fingerprint's any more.
    if (this.#working.has(rowKey)) return undefined;
    const copy = { ...row };
    this.#working.set(rowKey, copy);
    this.#before.set(rowKey, row);
    this.#byFingerprint.set(fingerprint, rowKey);
    return copy;
  }

  /** Sets `inhibition_source` of every row the step holds, from its labels. */
  flagInhibitionSources(isSource: (row: AlertRow) => boolean): void {
    for (const row of this.#working.values()) row.inhibition_source = isSource(row) ? 1 : 0;
  }

  /** Each changed row with the row as stored (null for a new one). */
  *entries(): Generator<readonly [AlertRow, AlertRow | null]> {
    for (const [key, row] of this.#working) yield [row, this.#before.get(key) ?? null];
  }

  changed(): AlertRow[] {
    return [...this.entries()].filter(([row, before]) => before === null || !sameRow(row, before)).map(([row]) => row);
  }
}

const ROW_FIELDS: readonly (keyof AlertRow)[] = [
  'fingerprint', 'labels', 'annotations', 'summary', 'severity', 'status', 'starts_at_ms', 'ends_at_ms', 'received_at_ms',
  'routed_at_ms', 'route', 'group_key', 'incident_id', 'suppressed_by', 'outcome', 'inhibition_source',
];

/** Whether another transaction changed `row` since it was read: `fresh` is the same alert read later, and differs. */
export function isStale(row: AlertRow, fresh: AlertRow | undefined): boolean {
  return fresh !== undefined && fresh.id === row.id && !sameRow(fresh, row);
}

function sameRow(a: AlertRow, b: AlertRow): boolean {
  return ROW_FIELDS.every((field) => {
    const x = a[field];
    const y = b[field];
    return x === y || (typeof x !== 'string' && typeof y !== 'string' && x !== null && y !== null && Number(x) === Number(y));
  });
}
