import { describe, expect, it } from 'vitest';
import { promDuration } from './prometheus-rules';

describe('promDuration', () => {
  it('writes ms as a Prometheus duration, largest units first', () => {
    expect([280_000, 3_360_000, 86_400_000, 2_419_200_000, 241_920_000, 1500].map(promDuration))
      .toEqual(['4m40s', '56m', '1d', '4w', '2d19h12m', '1s500ms']);
  });
});
