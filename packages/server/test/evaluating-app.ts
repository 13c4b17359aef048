import type { ConfigObject } from '@xops/contracts';
import type { StoreEngine } from '@xops/store';
import { pino } from 'pino';
import type { FakeClock } from '../src/clock/fake-clock';
import { createSloEvaluator, type SloEvaluator } from '../src/slo/slo-evaluator';
import { applyCheckout, applyDocuments, availabilitySlo } from './slo-fixtures';
import { openTestApp, type TestApp } from './test-app';

/** An SLO on an SLI that does not exist: stored, but it cannot be evaluated. */
export const brokenSlo: ConfigObject = { ...availabilitySlo, metadata: { name: 'broken' }, spec: { ...availabilitySlo.spec, indicatorRef: 'missing' } };

/**
 * A test app with an SLO evaluator on `clock` (evaluating only when told), the checkout service,
 * SLI and SLO applied, and `documents` after them.
 */
export async function openEvaluatingApp(
  engine: StoreEngine, clock: FakeClock, ...documents: ConfigObject[]
): Promise<{ testApp: TestApp; evaluator: SloEvaluator }> {
  let evaluator: SloEvaluator | undefined;
  const testApp = await openTestApp(engine, {
    clock,
    evaluator: (store) => (evaluator = createSloEvaluator({ store, clock, logger: pino({ enabled: false }), holder: 'replica-a' })),
  });
  await applyCheckout(testApp.store);
  await applyDocuments(testApp.store, ...documents);
  if (evaluator === undefined) throw new Error('openTestApp made no evaluator');
  return { testApp, evaluator };
}
