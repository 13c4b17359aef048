/**
 * True when `value` contains itself, as the YAML `a: &x [*x]` makes it. Such a value has no end,
 * so it can be neither checked nor sent as JSON. Shared (non-circular) aliases are fine.
 */
export function isCircular(value: unknown, ancestors: readonly object[] = []): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (ancestors.includes(value)) return true;
  const inside = [...ancestors, value];
  return Object.values(value).some((child) => isCircular(child, inside));
}
