import { describe, expect, it } from 'vitest';
import { formatConfigProblem, formatFieldPath } from './format-config-problem';

describe('formatConfigProblem', () => {
  it('prints file:line:column, the field path and the message, two spaces apart', () => {
    expect(formatConfigProblem({ file: 'slos/checkout.yaml', line: 12, column: 15, path: ['spec', 'objectives', 0, 'target'], message: '`target` must be less than 1, not `1.5`' }))
      .toBe('slos/checkout.yaml:12:15  spec.objectives[0].target  `target` must be less than 1, not `1.5`');
  });

  it('prints (document) for a problem of the whole document', () => {
    expect(formatConfigProblem({ file: 'a.yaml', line: 1, column: 1, path: [], message: 'invalid YAML: Map keys must be unique' }))
      .toBe('a.yaml:1:1  (document)  invalid YAML: Map keys must be unique');
  });
});

describe('formatFieldPath', () => {
  it('writes names with dots, indexes in brackets and other keys quoted', () => {
    expect(formatFieldPath(['spec', 'timeWindow', 0, 'calendar', 'timeZone'])).toBe('spec.timeWindow[0].calendar.timeZone');
    expect(formatFieldPath(['metadata', 'annotations', 'example.com/owner'])).toBe('metadata.annotations["example.com/owner"]');
    expect(formatFieldPath(['metadata', 'labels', 'bad key'])).toBe('metadata.labels["bad key"]');
    expect(formatFieldPath(['spec', 'alertPolicies', 1])).toBe('spec.alertPolicies[1]');
  });
});
