import { fillPath } from '../router/match-path';
import { Link } from '../router/link';
import { formatBurnRate, formatPercent } from '../format/percent';
import { AlertBadge } from './alert-badge';
import { BudgetBar } from './budget-bar';
import { groupHeight } from './group-height';
import type { ServiceGroup } from './risk-order';

/**
 * Every service with its SLOs as compact rows, riskiest first; one `<tbody>` per service, which
 * the browser lays out and paints only near the view (`content-visibility`, styles.css).
 */
export function SloTable({ groups }: { readonly groups: readonly ServiceGroup[] }) {
  return (
    <div className="table-scroll" role="region" aria-label="SLOs by service" tabIndex={0}>
      <table className="slo-table" data-testid="slo-table">
        <thead>
          <tr>
            <th scope="col">SLO</th>
            <th scope="col" className="num">Target</th>
            <th scope="col" className="num">SLI</th>
            <th scope="col">Budget left</th>
            <th scope="col" className="num">Fastest burn</th>
            <th scope="col">Alerts</th>
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.service} data-testid="service-group" data-service={group.service} style={{ containIntrinsicSize: groupHeight(group.rows.length) }}>
            <tr className="service-row span-row">
              <th scope="rowgroup" colSpan={6} title={group.service}>{group.displayName}</th>
            </tr>
            {group.rows.length === 0 && (
              <tr className="span-row"><td colSpan={6} className="muted">No SLO shown for this service.</td></tr>
            )}
            {group.rows.map((row) => (
              <tr key={row.key} data-testid="slo-row" data-slo={row.slo} data-state={row.state}>
                <th scope="row">
                  <Link to={fillPath('/slos/:name', { name: row.slo })}>{row.displayName}</Link>
                  {row.objective !== null && <span className="muted"> · {row.objective === '*' ? 'composite' : row.objective}</span>}
                </th>
                <td className="num">{formatPercent(row.target)}</td>
                <td className="num">{formatPercent(row.sli)}</td>
                <td><BudgetBar remaining={row.budgetRemaining} /></td>
                <td className="num">{row.fastestBurn === null ? '–' : <>{formatBurnRate(row.fastestBurn.rate)} <span className="muted">{row.fastestBurn.window}</span></>}</td>
                <td><AlertBadge row={row} /></td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
