import { ROW_STATE_TEXT, ROW_STATES } from './slo-row';
import type { RowFilter } from './row-filter';

/** Team, label and state filters of the overview; they apply at once, without a submit button. */
export function OverviewFilters({ filter, teams, onChange }: { readonly filter: RowFilter; readonly teams: readonly string[]; readonly onChange: (filter: RowFilter) => void }) {
  return (
    <form className="filters" role="search" aria-label="Filter SLOs" onSubmit={(event) => event.preventDefault()}>
      <div>
        <label htmlFor="filter-team">Team</label>
        <select id="filter-team" value={filter.team} onChange={(event) => onChange({ ...filter, team: event.target.value })}>
          <option value="">All teams</option>
          {teams.map((team) => <option key={team} value={team}>{team}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="filter-label">Label</label>
        <input
          id="filter-label" type="search" placeholder="tier=1" value={filter.label} aria-describedby="filter-label-help"
          onChange={(event) => onChange({ ...filter, label: event.target.value })}
        />
        <span id="filter-label-help" className="visually-hidden">key=value, or a key for any value</span>
      </div>
      <div>
        <label htmlFor="filter-state">State</label>
        <select id="filter-state" value={filter.state} onChange={(event) => {
          const state = ROW_STATES.find((candidate) => candidate === event.target.value) ?? '';
          onChange({ ...filter, state });
        }}>
          <option value="">All states</option>
          {ROW_STATES.map((state) => <option key={state} value={state}>{ROW_STATE_TEXT[state]}</option>)}
        </select>
      </div>
    </form>
  );
}
