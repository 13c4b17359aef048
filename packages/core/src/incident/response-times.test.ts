import { describe, expect, it } from 'vitest';
import { responseTimes } from './response-times';

const MIN = 60_000;

describe('responseTimes', () => {
  it('averages over the incidents that reached each point, from their opening', () => {
    // Acks after 2 and 4 min → MTTA 3 min; resolves after 30 and 60 min → MTTR 45 min; the third
    // is still open and unacknowledged, so it counts in neither mean.
    expect(responseTimes([
      { createdAt: 0, acknowledgedAt: 2 * MIN, resolvedAt: 30 * MIN },
      { createdAt: 100 * MIN, acknowledgedAt: 104 * MIN, resolvedAt: 160 * MIN },
      { createdAt: 200 * MIN, acknowledgedAt: null, resolvedAt: null },
    ])).toEqual({ incidents: 3, acknowledged: 2, resolved: 2, mttaMs: 3 * MIN, mttrMs: 45 * MIN });
  });

  it('has no means without incidents', () => {
    expect(responseTimes([])).toEqual({ incidents: 0, acknowledged: 0, resolved: 0, mttaMs: null, mttrMs: null });
  });
});
