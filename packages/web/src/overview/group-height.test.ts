import { describe, expect, it } from 'vitest';
import { groupHeight } from './group-height';

describe('groupHeight', () => {
  it('gives the heading and each row 2.15 rem', () => {
    // (3 rows + the heading) × 2.15 = 8.6; 10 rows: 11 × 2.15 = 23.65.
    expect(groupHeight(3)).toBe('auto 8.6rem');
    expect(groupHeight(10)).toBe('auto 23.65rem');
  });

  it('gives a service with no row shown its heading and the line that says so, as one row', () => {
    // The "No SLO shown" line stands where the rows would: 2 × 2.15 = 4.3.
    expect(groupHeight(0)).toBe('auto 4.3rem');
    expect(groupHeight(1)).toBe('auto 4.3rem');
  });
});
