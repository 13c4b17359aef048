import type { PostmortemDocument } from '@xops/contracts';
import type { IncidentRecord, PostmortemRecord, XopsStore } from '@xops/store';
import { CONTRIBUTING_FACTOR_PROMPTS } from './contributing-factors';
import { humanDuration, humanInstant } from './human-duration';
import { incidentBudgetImpacts } from './incident-impact';

/**
 * The postmortem of a resolved incident: the stored one, or a draft made now and stored (ADR
 * 0013: a resolved incident gets its draft; issue 5 item 7). Undefined for an incident that is not
 * resolved and has none. Two drafts made at once keep the first.
 */
export async function ensurePostmortem(store: XopsStore, incident: IncidentRecord, now: number): Promise<PostmortemRecord | undefined> {
  const stored = await store.getPostmortem(incident.id);
  if (stored !== undefined || incident.resolvedAt === null) return stored;
  const document = await draftPostmortemDocument(store, incident);
  return store.draftPostmortem({ incidentId: incident.id, document, status: 'draft', actor: 'xops', now });
}

/** A blameless draft: a factual summary, the budget impact per SLO objective, and the contributing-factor prompts unanswered. */
export async function draftPostmortemDocument(store: XopsStore, incident: IncidentRecord): Promise<PostmortemDocument> {
  return {
    summary: draftSummary(incident),
    impact: await incidentBudgetImpacts(store, incident),
    contributingFactors: CONTRIBUTING_FACTOR_PROMPTS.map((question) => ({ question, answer: '' })),
  };
}

/**
 * One paragraph of facts, e.g. `SEV2 incident #1 "Checkout errors" affected checkout for 45 min,
 * from 2026-03-10 12:00:00 UTC to 2026-03-10 12:45:00 UTC. It was acknowledged after 2 min and
 * mitigated after 20 min.`
 */
export function draftSummary(incident: IncidentRecord): string {
  const { createdAt, acknowledgedAt, mitigatedAt, resolvedAt } = incident;
  const services = incident.services.length === 0 ? '' : ` affected ${incident.services.join(', ')}`;
  const span = resolvedAt === null ? ` opened at ${humanInstant(createdAt)}` : ` for ${humanDuration(resolvedAt - createdAt)}, from ${humanInstant(createdAt)} to ${humanInstant(resolvedAt)}`;
  const steps = [
    acknowledgedAt === null ? undefined : `acknowledged after ${humanDuration(acknowledgedAt - createdAt)}`,
    mitigatedAt === null ? undefined : `mitigated after ${humanDuration(mitigatedAt - createdAt)}`,
  ].filter((step) => step !== undefined);
  const after = steps.length === 0 ? '' : ` It was ${steps.join(' and ')}.`;
  return `${incident.severity} incident #${incident.number} "${incident.title}"${services}${span}.${after}`;
}
