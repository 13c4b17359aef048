/** True for a mapping as YAML and JSON produce it: an object that is neither null nor a list. */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The value of an own field of `value`, or `undefined` when `value` is not a mapping or lacks it.
 * Own fields only, so `constructor` or `toString` never answer from the prototype.
 */
export function ownField(value: unknown, key: string): unknown {
  return isPlainObject(value) && Object.hasOwn(value, key) ? value[key] : undefined;
}
