import { describe, expect, it } from 'vitest';
import { newAlertRecord, stepAlert } from './alert-state-machine';

const NONE = Number.NaN; // the record's "null"

describe('stepAlert', () => {
  it('goes inactive → pending → firing → resolved → pending, reporting the status it leaves', () => {
    const record = newAlertRecord();
    expect(stepAlert(record, true, 3, 1000, 300)).toBe('inactive');
    expect(record).toEqual({ status: 'pending', activeSince: 1000, firedAt: NONE, resolvedAt: NONE, value: 3 });
    expect(stepAlert(record, true, 4, 1200, 300)).toBeNull();
    expect(stepAlert(record, true, 5, 1300, 300)).toBe('pending');
    expect(record).toEqual({ status: 'firing', activeSince: 1000, firedAt: 1300, resolvedAt: NONE, value: 5 });
    expect(stepAlert(record, true, 6, 1400, 300)).toBeNull();
    expect(stepAlert(record, false, 1, 1500, 300)).toBe('firing');
    expect(record).toEqual({ status: 'resolved', activeSince: 1000, firedAt: 1300, resolvedAt: 1500, value: 1 });
    expect(stepAlert(record, false, 1, 1600, 300)).toBeNull();
    expect(stepAlert(record, true, 7, 1700, 300)).toBe('resolved');
    expect(record).toEqual({ status: 'pending', activeSince: 1700, firedAt: NONE, resolvedAt: NONE, value: 7 });
  });

  it('fires at once without alertAfter, and a pending alert that stops holding goes back to inactive', () => {
    const record = newAlertRecord();
    expect(stepAlert(record, true, 20, 10, 0)).toBe('inactive');
    expect(record.status).toBe('firing');
    const pending = newAlertRecord();
    stepAlert(pending, true, 2, 10, 60);
    expect(stepAlert(pending, false, 1, 20, 60)).toBe('pending');
    expect(pending).toEqual({ status: 'inactive', activeSince: NONE, firedAt: NONE, resolvedAt: NONE, value: 1 });
  });
});
