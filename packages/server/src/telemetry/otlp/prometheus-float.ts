/**
 * A float as Prometheus spells it in label values (`le`, `quantile`): `+Inf` and `-Inf`, other
 * numbers in JavaScript's shortest round-tripping form.
 *
 * @example prometheusFloat(0.25) === '0.25'; prometheusFloat(Infinity) === '+Inf'
 */
export function prometheusFloat(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
