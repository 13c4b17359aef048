import type { EscalationOutcome, XopsStore } from '@xops/store';
import type { Clock } from '../clock/clock';
import type { LeaseLogger } from '../lease/lease-keeper';
import { createLeasedLoop, type LeasedLoop } from '../lease/leased-loop';

/** The lease the escalation loop runs under (DESIGN.md §5): one replica pages due levels at a time. */
export const ESCALATION_LEASE = 'escalations';

const PAGE_KEY = /^incident:([^:]+):level:(\d+):round:(\d+):[^:]+:[^:]+$/;

export interface EscalationLoopOptions {
  readonly store: XopsStore;
  readonly clock: Clock;
  readonly logger: LeaseLogger & { error(fields: Record<string, unknown>, message: string): void };
  /** This replica in the lease table, unique per process. */
  readonly holder: string;
  /** Time between passes; 5 s by default, so a level is paged at most 5 s after it is due. */
  readonly intervalMs?: number;
  /** Most escalations one pass pages; the rest wait for the next pass. 200 by default. */
  readonly batch?: number;
}

/** `tick` is one pass: with the lease, every level due is paged, each in its own transaction. */
export interface EscalationLoop extends LeasedLoop<EscalationOutcome[]> {
  /**
   * Moves an incident's escalation on at once and pages its next level (ADR 0013: a delivery that
   * keeps failing). With `after`, only when the escalation still stands right after that level,
   * so the failures of one level move it once. Undefined when there was nothing to move.
   */
  escalateNow(incidentId: string, after?: { level: number; round: number }): Promise<EscalationOutcome | undefined>;
  /**
   * The notifier's give-up hook: a page whose delivery xops gave up on (its idempotency key
   * `incident:<id>:level:<n>:round:<r>:<person>:<method>`) moves its escalation to the next level
   * at once. Other notifications are not pages: nothing happens.
   */
  deliveryGaveUp(idempotencyKey: string): Promise<EscalationOutcome | undefined>;
}

/**
 * The escalation loop (ADR 0013): under the `escalations` lease, each pass asks the store for the
 * escalations with a level due and pages each (`store.advanceEscalation`: who is on call then,
 * `page` timeline entries and outbox rows in one transaction, the next level scheduled). An
 * acknowledgement or a resolve stops an escalation in its own transaction, so a stopped one is
 * never due. Paging twice is harmless: the store pages a level only while it is due, and the
 * outbox ignores a known idempotency key.
 *
 * @example const loop = createEscalationLoop({ store, clock, logger, holder }); loop.start(); … await loop.close();
 */
export function createEscalationLoop(options: EscalationLoopOptions): EscalationLoop {
  const { store, clock, logger, holder, intervalMs = 5_000, batch = 200 } = options;

  const report = (outcome: EscalationOutcome | undefined, why: string): EscalationOutcome | undefined => {
    if (outcome?.paged) {
      const { level, round, users } = outcome.paged;
      logger.info({ incident: outcome.incidentId, level, round, users, notifications: outcome.notifications, why }, 'paged an escalation level');
    }
    return outcome;
  };

  const loop = createLeasedLoop({
    store, clock, logger, holder, lease: ESCALATION_LEASE, intervalMs, failure: 'the escalation pass failed',
    pass: async (now, lease) => {
      if (!await lease.renew(now)) return [];
      const outcomes: EscalationOutcome[] = [];
      for (const incidentId of await store.listDueEscalations(now, batch)) {
        try {
          const outcome = report(await store.advanceEscalation(incidentId, now, { when: 'due' }), 'due');
          if (outcome !== undefined) outcomes.push(outcome);
        } catch (error) {
          // One incident's failure must not hold up the others; it is due again on the next pass.
          logger.error({ err: error, incident: incidentId }, 'cannot page the due escalation level');
        }
      }
      return outcomes;
    },
  });

  async function escalateNow(incidentId: string, after?: { level: number; round: number }): Promise<EscalationOutcome | undefined> {
    return report(await store.advanceEscalation(incidentId, clock.now(), { when: 'now', ...(after === undefined ? {} : { after }) }), 'escalated at once');
  }

  return {
    ...loop,
    escalateNow,
    deliveryGaveUp(idempotencyKey) {
      const match = PAGE_KEY.exec(idempotencyKey);
      if (match === null) return Promise.resolve(undefined);
      return escalateNow(match[1] ?? '', { level: Number(match[2]), round: Number(match[3]) });
    },
  };
}
