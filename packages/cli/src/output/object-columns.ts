import type { StoredObject } from '@xops/contracts';

interface Column {
  readonly header: string;
  readonly value: (spec: Record<string, unknown>, stored: StoredObject) => string;
}

const name: Column = { header: 'NAME', value: (_spec, stored) => stored.name };
const revision: Column = { header: 'REVISION', value: (_spec, stored) => String(stored.revision) };
const updated: Column = { header: 'UPDATED', value: (_spec, stored) => stored.updatedAt };
const field = (header: string, key: string): Column => ({ header, value: (spec) => text(spec[key]) });

/** The columns `xops get <kind>` prints, chosen per kind so the table answers the usual question. */
export function columnsFor(kind: string): readonly Column[] {
  switch (kind) {
    case 'SLO':
      return [name, field('SERVICE', 'service'), { header: 'WINDOW', value: windowOf }, field('METHOD', 'budgetingMethod'),
        { header: 'TARGETS', value: targetsOf }, revision, updated];
    case 'SLI':
      return [name, { header: 'TYPE', value: (spec) => ('ratioMetric' in spec ? 'ratio' : 'threshold') }, revision, updated];
    case 'DataSource':
      return [name, field('TYPE', 'type'), revision, updated];
    case 'AlertCondition':
      return [name, field('SEVERITY', 'severity'), revision, updated];
    case 'AlertNotificationTarget':
      return [name, field('TARGET', 'target'), revision, updated];
    default:
      return [name, { header: 'DESCRIPTION', value: (spec) => text(spec.description) }, revision, updated];
  }
}

function windowOf(spec: Record<string, unknown>): string {
  const window = Array.isArray(spec.timeWindow) ? record(spec.timeWindow[0]) : {};
  const kind = window.isRolling === false ? 'calendar' : 'rolling';
  return `${text(window.duration)} ${kind}`;
}

function targetsOf(spec: Record<string, unknown>): string {
  const objectives = Array.isArray(spec.objectives) ? spec.objectives.map(record) : [];
  return objectives.map((objective) => {
    if (typeof objective.target === 'number') return `${round(objective.target * 100)}%`;
    if (typeof objective.targetPercent === 'number') return `${round(objective.targetPercent)}%`;
    return '?';
  }).join(', ');
}

const round = (value: number) => String(Math.round(value * 1e6) / 1e6);

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The row of one object, in the order of `columnsFor(kind)`. */
export function rowFor(stored: StoredObject): string[] {
  const spec = record(stored.object.spec);
  return columnsFor(stored.kind).map((column) => column.value(spec, stored));
}
