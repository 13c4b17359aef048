import type { StoredObject } from '@xops/contracts';

/** The labels of an applied document (`metadata.labels`), every value as a list (OpenSLO allows text or a list). */
export function objectLabels(object: StoredObject): Readonly<Record<string, readonly string[]>> {
  const labels = field(field(object.object, 'metadata'), 'labels');
  const out: Record<string, readonly string[]> = {};
  if (!isRecord(labels)) return out;
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value === 'string') out[key] = [value];
    else if (Array.isArray(value)) out[key] = value.filter((item): item is string => typeof item === 'string');
  }
  return out;
}

/** `metadata.displayName` of an applied document, or its name. */
export function objectDisplayName(object: StoredObject): string {
  const displayName = field(field(object.object, 'metadata'), 'displayName');
  return typeof displayName === 'string' && displayName !== '' ? displayName : object.name;
}

/** `spec.service` of an applied SLO, or null. */
export function sloServiceName(object: StoredObject): string | null {
  const service = field(field(object.object, 'spec'), 'service');
  return typeof service === 'string' ? service : null;
}

function field(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
