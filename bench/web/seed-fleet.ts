import type { ApiClient } from '@xops/contracts';

const SERVICES = 100;
const BUCKET_MS = 10_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** The SLO whose detail page draws 30 days at 1-minute resolution. */
export const CHART_SLO = 'slo-0000';

/** `slo-0042` for 42. */
export const sloName = (i: number): string => `slo-${String(i).padStart(4, '0')}`;

/**
 * `count` SLOs of 99.9 % over 30 rolling days (Occurrences, the default burn-rate tiers), each
 * with its own ratio SLI, spread over 100 Services with a `team` label each: one apply.
 */
export async function applyFleet(client: ApiClient, count: number): Promise<void> {
  const documents: { object: unknown }[] = [];
  for (let s = 0; s < SERVICES; s += 1) {
    documents.push({ object: {
      apiVersion: 'openslo/v1', kind: 'Service',
      metadata: { name: `service-${String(s).padStart(3, '0')}`, labels: { team: `team-${s % 10}` } }, spec: {},
    } });
  }
  const source = { metricSource: { type: 'xops', spec: {} } };
  for (let i = 0; i < count; i += 1) {
    documents.push({ object: { apiVersion: 'openslo/v1', kind: 'SLI', metadata: { name: `sli-${sloName(i)}` }, spec: { ratioMetric: { counter: true, good: source, total: source } } } });
    documents.push({ object: {
      apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: sloName(i) },
      spec: {
        service: `service-${String(i % SERVICES).padStart(3, '0')}`, indicatorRef: `sli-${sloName(i)}`,
        timeWindow: [{ duration: '30d', isRolling: true }], budgetingMethod: 'Occurrences',
        objectives: [{ displayName: 'availability', target: 0.999 }],
      },
    } });
  }
  await client.apply({ documents });
}

/**
 * SLI events for every SLO, four requests at a time: the last hour in 10-second buckets, 100
 * requests each, with an error ratio of 0–0.19 % by SLO (so budgets, from whole to overspent, and risk differ), and for
 * `CHART_SLO` 30 days, one event a minute with a daily wave of errors.
 */
export async function ingestFleet(client: ApiClient, count: number, now: number): Promise<void> {
  const end = Math.floor(now / MINUTE_MS) * MINUTE_MS;
  await client.ingestEvents(`sli-${CHART_SLO}`, monthOfMinutes(end));
  let next = 1;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) await client.ingestEvents(`sli-${sloName(i)}`, lastHour(i, end));
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

function lastHour(i: number, end: number): string {
  // One failed request every `period` buckets: an error ratio of (i mod 20) × 0.01 % (none for 0).
  const period = i % 20 === 0 ? 0 : Math.round(100 / (i % 20));
  const lines: string[] = [];
  for (let k = 0; k < 360; k += 1) {
    const bad = period > 0 && k % period === 0 ? 1 : 0;
    lines.push(JSON.stringify({ ts: end - (k + 1) * BUCKET_MS, good: 100 - bad, total: 100 }));
  }
  return `${lines.join('\n')}\n`;
}

function monthOfMinutes(end: number): string {
  const lines: string[] = [];
  for (let t = end - 30 * DAY_MS; t < end; t += MINUTE_MS) {
    const phase = Math.sin(((t % DAY_MS) / DAY_MS) * 2 * Math.PI);
    const bad = phase > 0.9 ? 3 : (t / MINUTE_MS) % 7 === 0 ? 1 : 0;
    lines.push(JSON.stringify({ ts: t, good: 600 - bad, total: 600 }));
  }
  return `${lines.join('\n')}\n`;
}
