import { incidentSeveritySchema, incidentStateSchema } from '@xops/contracts';
import type { IncidentFilter } from './incident-filter';
import { INCIDENT_STATE_TEXT } from './incident-text';

/** State, severity and service filters of the incident list; they apply at once. */
export function IncidentFilters({ filter, services, onChange }: { readonly filter: IncidentFilter; readonly services: readonly string[]; readonly onChange: (filter: IncidentFilter) => void }) {
  return (
    <form className="filters" role="search" aria-label="Filter incidents" onSubmit={(event) => event.preventDefault()}>
      <div>
        <label htmlFor="incident-state">State</label>
        <select id="incident-state" value={filter.state} onChange={(event) => {
          const value = event.target.value;
          onChange({ ...filter, state: value === 'open' ? 'open' : incidentStateSchema.options.find((state) => state === value) ?? '' });
        }}>
          <option value="">All states</option>
          <option value="open">Open (not resolved)</option>
          {incidentStateSchema.options.map((state) => <option key={state} value={state}>{INCIDENT_STATE_TEXT[state]}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="incident-severity">Severity</label>
        <select id="incident-severity" value={filter.severity} onChange={(event) => {
          onChange({ ...filter, severity: incidentSeveritySchema.options.find((severity) => severity === event.target.value) ?? '' });
        }}>
          <option value="">All severities</option>
          {incidentSeveritySchema.options.map((severity) => <option key={severity} value={severity}>{severity}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="incident-service">Service</label>
        <select id="incident-service" value={filter.service} onChange={(event) => onChange({ ...filter, service: event.target.value })}>
          <option value="">All services</option>
          {services.map((service) => <option key={service} value={service}>{service}</option>)}
        </select>
      </div>
    </form>
  );
}
