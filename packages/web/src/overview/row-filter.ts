import type { RowState, SloRow } from './slo-row';

/** The overview's filters; an empty value lets every row through. */
export interface RowFilter {
  readonly team: string;
  /** `key=value`, or `key` for any value of that label. */
  readonly label: string;
  readonly state: RowState | '';
}

export const NO_FILTER: RowFilter = { team: '', label: '', state: '' };

/** True when `row` passes every filter that is set. */
export function rowMatches(row: SloRow, filter: RowFilter): boolean {
  if (filter.team !== '' && row.team !== filter.team) return false;
  if (filter.state !== '' && row.state !== filter.state) return false;
  const label = filter.label.trim();
  if (label === '') return true;
  const equals = label.indexOf('=');
  const key = (equals === -1 ? label : label.slice(0, equals)).trim();
  const values = row.labels[key];
  if (values === undefined) return false;
  return equals === -1 || values.includes(label.slice(equals + 1).trim());
}

/** The teams to offer in the filter: every `team` label among the rows, sorted. */
export function teamsOf(rows: readonly SloRow[]): string[] {
  return [...new Set(rows.flatMap((row) => (row.team === null ? [] : [row.team])))].sort();
}
