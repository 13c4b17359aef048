import { describe, expect, it } from 'vitest';
import { closestName } from './closest-name';

describe('closestName', () => {
  const fields = ['displayName', 'op', 'value', 'target', 'targetPercent', 'timeSliceTarget'];

  it('finds a name that differs only in case', () => {
    expect(closestName('TARGET', fields)).toBe('target');
  });

  it('finds a name one or two edits away', () => {
    expect(closestName('targt', fields)).toBe('target');
    expect(closestName('tagetPercent', fields)).toBe('targetPercent');
    expect(closestName('valeu', fields)).toBe('value');
  });

  it('suggests nothing when nothing is close, and nothing for very short names', () => {
    expect(closestName('budget', fields)).toBeUndefined();
    expect(closestName('ox', fields)).toBeUndefined();
  });
});
