const DAY_MS = 86_400_000;

/**
 * How busy the demo fleet is at `at` (epoch ms), as a share of its peak: a sine over the UTC day,
 * lowest (0.2) at 02:00 and highest (1.0) at 14:00, the shape of a web shop's day.
 */
export function dailyTraffic(at: number): number {
  const hours = ((at % DAY_MS) + DAY_MS) % DAY_MS / 3_600_000;
  return 0.6 + 0.4 * Math.sin(2 * Math.PI * (hours - 8) / 24);
}
