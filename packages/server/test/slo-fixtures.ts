/** What the SLO engine tests apply and feed: one ratio SLI fed by xops ingest, one 99.9 %/30 d SLO. */
import type { ConfigObject } from '@xops/contracts';
import type { Bucket } from '@xops/core';
import type { XopsStore } from '@xops/store';
import { checkoutService } from './fixtures';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const BUCKET = 10 * SECOND;
/** The tests' "now": 1 March 2025, 00:00 UTC. */
export const T0 = Date.UTC(2025, 2, 1);

export const SERIES = 'checkout-requests';

export const requestsSli: ConfigObject = {
  apiVersion: 'openslo/v1',
  kind: 'SLI',
  metadata: { name: SERIES },
  spec: {
    ratioMetric: {
      counter: true,
      good: { metricSource: { type: 'xops', spec: {} } },
      total: { metricSource: { type: 'xops', spec: {} } },
    },
  },
};

/** 99.9 % of checkout requests succeed over 30 days, rolling; no alert policy, so the Workbook's tiers. */
export const availabilitySlo: ConfigObject = {
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name: 'checkout-availability' },
  spec: {
    service: 'checkout',
    indicatorRef: SERIES,
    timeWindow: [{ duration: '30d', isRolling: true }],
    budgetingMethod: 'Occurrences',
    objectives: [{ displayName: 'Available', target: 0.999 }],
  },
};

export const onCallTarget: ConfigObject = {
  apiVersion: 'openslo/v1',
  kind: 'AlertNotificationTarget',
  metadata: { name: 'on-call' },
  spec: { target: 'email' },
};

/** Applies documents as `xops apply` would, as user `test`. */
export async function applyDocuments(store: XopsStore, ...objects: ConfigObject[]): Promise<void> {
  await store.applyObjects(objects.map((object) => ({ object, sourceText: JSON.stringify(object), sourceFile: null })), 'test');
}

export async function applyCheckout(store: XopsStore): Promise<void> {
  await applyDocuments(store, checkoutService, requestsSli, availabilitySlo, onCallTarget);
}

/** 10-second buckets over `[from, to)` with `total` events each, `bad(start)` of them failed. */
export function buckets(from: number, to: number, total: number, bad: (start: number) => number = () => 0): Bucket[] {
  const list: Bucket[] = [];
  for (let start = from; start < to; start += BUCKET) list.push({ start, good: total - bad(start), total });
  return list;
}
