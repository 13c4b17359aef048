import { describe, expect, it } from 'vitest';
import { incidentSeverityOfAlerts } from './alert-incident-severity';

describe('incidentSeverityOfAlerts', () => {
  it('takes the worst severity of the alerts', () => {
    expect(incidentSeverityOfAlerts([{ severity: 'warning' }, { severity: 'critical' }])).toBe('SEV2');
    expect(incidentSeverityOfAlerts([{ severity: 'PAGE' }])).toBe('SEV2');
    expect(incidentSeverityOfAlerts([{ severity: 'error' }, { severity: 'ticket' }])).toBe('SEV3');
    expect(incidentSeverityOfAlerts([{ severity: 'Sev1' }, { severity: 'critical' }])).toBe('SEV1');
  });

  it('reads a missing or unknown severity as SEV3, and no alerts as SEV4', () => {
    expect(incidentSeverityOfAlerts([{ alertname: 'X' }])).toBe('SEV3');
    expect(incidentSeverityOfAlerts([{ severity: 'disaster' }, { severity: 'info' }])).toBe('SEV3');
    expect(incidentSeverityOfAlerts([{ severity: 'info' }])).toBe('SEV4');
    expect(incidentSeverityOfAlerts([])).toBe('SEV4');
  });
});
