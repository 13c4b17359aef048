import { formatDurationLabel, type ObjectiveSummaryBody, type SloSummaryBody, type StoredObject } from '@xops/contracts';
import type { ObjectiveStatus } from '@xops/core';
import { z } from 'zod';
import { finiteOrNull } from './alert-bodies';

/** What the overview reads of an applied SLO's document (a JSON column: parsed, not trusted). */
const sloFieldsSchema = z.object({
  metadata: z.object({
    displayName: z.string().optional(),
    labels: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
  }).optional(),
  spec: z.object({ service: z.string().optional() }).optional(),
});

/** The name, Service and labels of an applied SLO, as `GET /api/v1/slo-summaries` gives them. */
export function sloSummaryHead(object: StoredObject): Pick<SloSummaryBody, 'slo' | 'displayName' | 'service' | 'labels'> {
  const fields = sloFieldsSchema.safeParse(object.object);
  const metadata = fields.success ? fields.data.metadata : undefined;
  const labels: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(metadata?.labels ?? {})) labels[key] = typeof value === 'string' ? [value] : value;
  return {
    slo: object.name,
    displayName: metadata?.displayName !== undefined && metadata.displayName !== '' ? metadata.displayName : object.name,
    service: (fields.success ? fields.data.spec?.service : undefined) ?? '',
    labels,
  };
}

/** One objective in brief: the figures the overview shows, its fastest burn and the alerts pending or firing. */
export function toObjectiveSummaryBody(status: ObjectiveStatus): ObjectiveSummaryBody {
  const alerts: ObjectiveSummaryBody['alerts'] = [];
  for (const alert of status.alerts) {
    if (alert.status === 'pending' || alert.status === 'firing') alerts.push({ rule: alert.rule, status: alert.status, severity: alert.severity });
  }
  return {
    objective: status.objective,
    target: status.target,
    sli: finiteOrNull(status.sli),
    errorBudgetRemaining: status.budget.remaining,
    fastestBurn: fastestBurn(status),
    alerts,
  };
}

/** The highest burn rate of an objective's alert windows, the shorter window on a tie; null when none has data. */
function fastestBurn(status: ObjectiveStatus): ObjectiveSummaryBody['fastestBurn'] {
  let best: { windowMs: number; burnRate: number } | null = null;
  for (const { windowMs, burnRate } of status.burnRates) {
    const rate = finiteOrNull(burnRate);
    if (rate !== null && (best === null || rate > best.burnRate)) best = { windowMs, burnRate: rate };
  }
  return best === null ? null : { window: formatDurationLabel(best.windowMs), burnRate: best.burnRate };
}
