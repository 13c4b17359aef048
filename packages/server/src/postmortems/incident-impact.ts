import { compileSloDefinition, isoInstant, type SloImpactBody } from '@xops/contracts';
import { budgetImpact, type SloDefinition } from '@xops/core';
import type { IncidentRecord, XopsStore } from '@xops/store';
import { sloObjectLookup } from '../slo/replay-from-store';

// A bucket that began up to a coarse bucket before the incident may still overlap it.
const LOOKBEHIND_MS = 60_000;

/**
 * The error budget a resolved incident consumed, for every objective of every SLO of its
 * services (`spec.service`), ordered by SLO and objective: `budgetImpact` over the stored buckets
 * of the objective's series, from the start of the SLO's window at the resolve (or the incident's
 * start, if earlier) to the resolve. An SLO that cannot be compiled is listed with its problem.
 */
export async function incidentBudgetImpacts(store: XopsStore, incident: IncidentRecord): Promise<SloImpactBody[]> {
  const resolvedAt = incident.resolvedAt;
  if (resolvedAt === null || incident.services.length === 0) return [];
  const range = { from: incident.createdAt, to: resolvedAt };
  const lookup = await sloObjectLookup(store);
  const impacts: SloImpactBody[] = [];
  for (const stored of await store.listObjects('SLO')) {
    const document = lookup('SLO', stored.name);
    // An SLO whose document no longer validates still says which service it is for, if it can.
    const service = document === undefined ? rawService(stored.object.spec) : document.spec.service;
    if (typeof service !== 'string' || !incident.services.includes(service)) continue;
    const compiled = document === undefined
      ? { ok: false as const, error: `SLO "${stored.name}": the stored document is no longer valid; apply it again` }
      : compileSloDefinition(document, lookup);
    if (!compiled.ok) {
      impacts.push(unknownImpact(stored.name, service, range, compiled.error));
      continue;
    }
    impacts.push(...await objectiveImpacts(store, compiled.value, range));
  }
  return impacts;
}

async function objectiveImpacts(store: XopsStore, definition: SloDefinition, range: { from: number; to: number }): Promise<SloImpactBody[]> {
  const impacts: SloImpactBody[] = [];
  for (const objective of definition.objectives) {
    // The window's start depends only on the definition and the resolve: ask for it first with no buckets.
    const window = budgetImpact({ definition, objective, buckets: [], incident: range }).window;
    const buckets = await store.readBuckets(objective.seriesKey, Math.min(window.from, range.from - LOOKBEHIND_MS), range.to);
    const impact = budgetImpact({ definition, objective, buckets, incident: range });
    impacts.push({
      slo: definition.name, service: definition.service, objective: objective.name, target: objective.target, unit: impact.unit,
      bad: round(impact.bad, 6), total: round(impact.total, 6), budget: round(impact.budget, 6),
      // Percent to two decimals: 1 − 0.999 is not exact in binary, and nobody reads the 15th digit.
      budgetConsumedPercent: impact.share === null ? null : round(impact.share * 100, 2),
      windowFrom: isoInstant(impact.window.from), windowTo: isoInstant(impact.window.to), problem: null,
    });
  }
  return impacts;
}

function unknownImpact(slo: string, service: string, range: { from: number; to: number }, problem: string): SloImpactBody {
  return {
    slo, service, objective: '', target: 0, unit: 'events', bad: 0, total: 0, budget: 0, budgetConsumedPercent: null,
    windowFrom: isoInstant(range.from), windowTo: isoInstant(range.to), problem,
  };
}

function rawService(spec: unknown): unknown {
  return typeof spec === 'object' && spec !== null && 'service' in spec ? spec.service : undefined;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
