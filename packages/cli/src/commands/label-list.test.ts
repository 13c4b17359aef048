import { describe, expect, it } from 'vitest';
import { UsageError } from '../cli-errors';
import { parseLabelList } from './label-list';

describe('parseLabelList', () => {
  it('reads name=value pairs separated by commas, with quoted values that hold commas and quotes', () => {
    expect(parseLabelList('alertname=PaymentsDown,service=payments, severity=page')).toEqual({ alertname: 'PaymentsDown', service: 'payments', severity: 'page' });
    expect(parseLabelList('summary="p99 above 2s, for 10m",team=db')).toEqual({ summary: 'p99 above 2s, for 10m', team: 'db' });
    expect(parseLabelList('quote="say \\"hi\\""')).toEqual({ quote: 'say "hi"' });
    expect(parseLabelList('empty=')).toEqual({ empty: '' });
    expect(parseLabelList('url=https://x.example/a=b')).toEqual({ url: 'https://x.example/a=b' });
  });

  it('says what is wrong with a malformed list', () => {
    const problem = (text: string) => {
      try {
        parseLabelList(text);
        return 'no error';
      } catch (error) {
        return error instanceof UsageError ? error.message : String(error);
      }
    };
    expect(problem('service')).toBe('labels: `service` has no =: write name=value pairs separated by commas, e.g. alertname=PaymentsDown,service=payments,severity=page');
    expect(problem('1st=a')).toBe('labels: `1st` is not a label name: letters, digits and _, not starting with a digit');
    expect(problem('a=1,a=2')).toBe('labels: `a` is given twice');
    expect(problem('a="open')).toBe('labels: the quote before "open" is not closed');
    expect(problem('a="x"y')).toBe('labels: expected a comma after "x", found `y`');
    expect(problem('')).toBe('labels: give at least one, e.g. alertname=PaymentsDown,service=payments,severity=page');
  });
});
