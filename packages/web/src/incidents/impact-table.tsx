import type { PostmortemBody } from '@xops/contracts';
import { formatPercent } from '../format/percent';
import { Link } from '../router/link';
import { fillPath } from '../router/match-path';

/** The error budget each SLO of the incident's services lost to it: computed by xops, not edited. */
export function ImpactTable({ impact }: { readonly impact: PostmortemBody['impact'] }) {
  return (
    <section aria-labelledby="impact-heading">
      <h2 id="impact-heading">Impact on SLOs</h2>
      {impact.length === 0 ? <p className="muted">No SLO of the incident's services.</p> : (
        <div className="table-scroll" role="region" aria-label="Impact on SLOs, table" tabIndex={0}>
          <table className="compact-table" data-testid="postmortem-impact">
            <thead>
              <tr>
                <th scope="col">SLO</th>
                <th scope="col" className="num">Target</th>
                <th scope="col" className="num">Bad / total</th>
                <th scope="col" className="num">Budget consumed</th>
              </tr>
            </thead>
            <tbody>
              {impact.map((row) => (
                <tr key={`${row.slo}/${row.objective}`}>
                  <th scope="row">
                    <Link to={fillPath('/slos/:name', { name: row.slo })}>{row.slo}</Link>
                    {row.objective !== '' && <span className="muted"> · {row.objective}</span>}
                    {row.problem !== null && <div className="problem">{row.problem}</div>}
                  </th>
                  <td className="num">{formatPercent(row.target)}</td>
                  <td className="num">{row.bad} / {row.total} {row.unit}</td>
                  <td className="num">{row.budgetConsumedPercent === null ? '–' : `${String(Number(row.budgetConsumedPercent.toFixed(2)))}%`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
