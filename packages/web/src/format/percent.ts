/**
 * A fraction as a percentage: `0.99912` → `99.912%`, null → `–`. Up to `digits` decimals with
 * trailing zeros dropped, as the CLI prints it, so that the dashboard and `xops get slo` agree.
 */
export function formatPercent(fraction: number | null, digits = 3): string {
  if (fraction === null || !Number.isFinite(fraction)) return '–';
  return `${String(Number((fraction * 100).toFixed(digits)))}%`;
}

/** A burn rate as `14.4×` (two decimals under 10, one above); null → `–`. */
export function formatBurnRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return '–';
  return `${String(Number(rate.toFixed(rate < 10 ? 2 : 1)))}×`;
}
