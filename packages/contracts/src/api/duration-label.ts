const UNITS: readonly (readonly [string, number])[] = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]];

/**
 * A duration in milliseconds as Prometheus writes one, largest unit first: `1h`, `5m`, `3d`,
 * `4m40s`. For metric labels (`xops_slo_burn_rate{window="1h"}`) and tables; `0` is `0s`.
 *
 * @example formatDurationLabel(3_600_000) // → '1h'
 * @example formatDurationLabel(280_000)   // → '4m40s'
 */
export function formatDurationLabel(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a duration is a non-negative number of ms, not ${ms}`);
  let rest = Math.round(ms);
  let text = '';
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text === '' ? '0s' : text;
}
