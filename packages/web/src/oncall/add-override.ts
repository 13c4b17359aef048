/** An override to add: `user` on call over `[from, to)`, epoch ms. */
export interface NewOverride {
  readonly user: string;
  readonly from: number;
  readonly to: number;
}

/**
 * An instant as a schedule writes an exact time: UTC with a `Z`, to the minute (seconds only when
 * there are some), so that it means the same instant whatever the schedule's time zone.
 *
 * @example scheduleTimeText(Date.UTC(2026, 2, 10, 17)) // → '2026-03-10T17:00Z'
 */
export function scheduleTimeText(ms: number): string {
  const iso = new Date(ms).toISOString();
  const seconds = iso.slice(17, 19);
  return `${iso.slice(0, 16)}${seconds === '00' ? '' : `:${seconds}`}Z`;
}

/**
 * The Schedule document with one more entry in `spec.overrides`, every other field as it was:
 * what `PUT /api/v1/schedules/{name}` takes to add an override. Refuses an empty person, a span
 * that does not end after it starts, and a document without a `spec`.
 */
export function withOverride(document: Readonly<Record<string, unknown>>, override: NewOverride): { readonly ok: true; readonly value: Record<string, unknown> } | { readonly ok: false; readonly error: string } {
  const user = override.user.trim();
  if (user === '') return { ok: false, error: 'Pick who is on call instead.' };
  if (!Number.isFinite(override.from) || !Number.isFinite(override.to)) return { ok: false, error: 'Give a start and an end.' };
  if (override.to <= override.from) return { ok: false, error: 'The override must end after it starts.' };
  const spec = document.spec;
  if (!isRecord(spec)) return { ok: false, error: 'The Schedule has no spec to add the override to.' };
  const existing = Array.isArray(spec.overrides) ? spec.overrides : [];
  const entry = { user, from: scheduleTimeText(override.from), to: scheduleTimeText(override.to) };
  return { ok: true, value: { ...document, spec: { ...spec, overrides: [...existing, entry] } } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
