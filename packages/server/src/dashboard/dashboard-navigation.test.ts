import { describe, expect, it } from 'vitest';
import { isDashboardNavigation } from './dashboard-navigation';

const browser = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('isDashboardNavigation', () => {
  it('takes browser navigations to client routes', () => {
    expect(isDashboardNavigation('/slos/checkout-availability', browser)).toBe(true);
    expect(isDashboardNavigation('/replay?slo=a', browser)).toBe(true);
    expect(isDashboardNavigation('/incidents/42/', browser)).toBe(true);
  });

  it('leaves the API, files and non-browser clients to the 404 envelope', () => {
    expect(isDashboardNavigation('/api/v1/nope', browser)).toBe(false);
    expect(isDashboardNavigation('/api', browser)).toBe(false);
    expect(isDashboardNavigation('/favicon.ico', browser)).toBe(false);
    expect(isDashboardNavigation('/assets/missing-abc.js', browser)).toBe(false);
    expect(isDashboardNavigation('/nope', undefined)).toBe(false);
    expect(isDashboardNavigation('/nope', 'application/json')).toBe(false);
  });

  it('keeps a path whose query has a dot', () => {
    expect(isDashboardNavigation('/replay?from=1.5', browser)).toBe(true);
  });
});
