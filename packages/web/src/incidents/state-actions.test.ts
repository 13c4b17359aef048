import { describe, expect, it } from 'vitest';
import { stateActions } from './state-actions';

describe('stateActions', () => {
  it('offers only the changes that move the state forward', () => {
    expect(stateActions('triggered')).toEqual(['acknowledge', 'mitigate', 'resolve']);
    expect(stateActions('acknowledged')).toEqual(['mitigate', 'resolve']);
    expect(stateActions('mitigated')).toEqual(['resolve']);
    expect(stateActions('resolved')).toEqual([]);
  });
});
