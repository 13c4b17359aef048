import type { RouteTestResultBody, RouteTestRouteBody } from '@xops/contracts';
import { formatInstant } from '../format/time-text';

type Simulation = NonNullable<RouteTestRouteBody['escalation']>;

const OUTCOME_TEXT: Readonly<Record<RouteTestRouteBody['outcome'], string>> = {
  page: 'Pages', notify: 'Notifies', ticket: 'Opens a ticket', suppressed: 'Suppressed',
};

/** What the simulator says xops would do with the alert: its routes, and who each escalation pages when. */
export function RouteTestResult({ result }: { readonly result: RouteTestResultBody }) {
  const { suppression } = result;
  return (
    <div data-testid="route-test-result" className="route-test-result">
      <p role="status">
        At {formatInstant(result.at)}: severity {result.severity ?? 'none'}, {result.urgency} urgency
        {result.urgency === 'low' && ' (never pages)'}; {result.routes.length === 0 ? 'no route takes it.' : `${String(result.routes.length)} route${result.routes.length === 1 ? '' : 's'} take${result.routes.length === 1 ? 's' : ''} it.`}
      </p>
      {suppression.mutes !== 'none' && (
        <p className="problem">
          {suppression.mutes === 'all' ? 'Muted: nobody hears of it' : 'Pages muted: channels and tickets still hear of it'}
          {suppression.maintenanceBy.map((window) => ` · maintenance ${window.name} until ${formatInstant(window.until)}`).join('')}
          {suppression.inhibitedBy.map((inhibition) => ` · inhibited by ${inhibition.rule}`).join('')}
          {suppression.silencedBy.map((silence) => ` · silence ${silence}`).join('')}
        </p>
      )}
      {result.routes.length === 0 && <p>No Route matches these labels: the alert would notify no one.</p>}
      {result.routes.map((route, index) => (
        <section key={`${route.routeKey}-${String(index)}`} className="route-card" aria-labelledby={`route-${String(index)}`} data-testid="route-test-route">
          <h3 id={`route-${String(index)}`}>Route {route.tree}: {OUTCOME_TEXT[route.outcome]}</h3>
          <p>{route.reason}</p>
          <dl className="facts">
            <div><dt>Route</dt><dd><code>{route.routeKey}</code></dd></div>
            <div><dt>Target</dt><dd>{route.target.kind === 'ticket' ? `ticket in ${route.target.project}` : `${route.target.kind} ${route.target.name}`}</dd></div>
            <div><dt>Group</dt><dd><code>{route.groupKey}</code></dd></div>
            <div><dt>First told</dt><dd>{formatInstant(route.firstNotificationAt)} (after group_wait {route.groupWait})</dd></div>
          </dl>
          {route.escalation !== null && <EscalationPlan simulation={route.escalation} paged={route.outcome === 'page'} />}
        </section>
      ))}
      {result.notes.length > 0 && (
        <details>
          <summary>What the simulation leaves out</summary>
          <ul>{result.notes.map((note) => <li key={note}>{note}</li>)}</ul>
        </details>
      )}
    </div>
  );
}

function EscalationPlan({ simulation, paged }: { readonly simulation: Simulation; readonly paged: boolean }) {
  return (
    <div className="escalation-plan">
      <p>
        Escalation policy <strong>{simulation.policy}</strong>: {simulation.levels.length} level{simulation.levels.length === 1 ? '' : 's'}
        {simulation.repeat > 0 && `, repeated ${String(simulation.repeat)} more time${simulation.repeat === 1 ? '' : 's'}`}.
      </p>
      {simulation.problem !== null && <p className="problem">{simulation.problem}</p>}
      <ol className="escalation-levels" aria-label={`Levels of ${simulation.policy}`}>
        {simulation.levels.map((level) => (
          <li key={level.level}>
            Level {level.level}: {level.targets.map((target) => (target.kind === 'schedule' ? `whoever ${target.schedule} has on call` : target.user)).join(level.mode === 'round-robin' ? ' or ' : ' and ')}
            {level.mode === 'round-robin' && ' (taking turns by incident)'} · escalates after {level.escalateAfter}
          </li>
        ))}
      </ol>
      {!paged && <p className="muted">At this urgency the policy is told without paging anyone.</p>}
      {simulation.pages.length > 0 && (
        <div className="table-scroll" role="region" aria-label={`Pages of ${simulation.policy}`} tabIndex={0}>
          <table className="compact-table" data-testid="planned-pages">
            <thead>
              <tr><th scope="col">When, unless acknowledged</th><th scope="col" className="num">Level</th><th scope="col">Who is paged</th></tr>
            </thead>
            <tbody>
              {simulation.pages.map((page) => (
                <tr key={`${page.at}-${String(page.level)}-${String(page.round)}`}>
                  <td>{formatInstant(page.at)}</td>
                  <td className="num">{page.level}{page.round > 0 && <span className="muted"> (repeat {page.round})</span>}</td>
                  <td>
                    {page.users.length === 0 ? <span className="problem">nobody</span> : page.users.map((user, index) => (
                      <span key={user.name}>
                        {index > 0 && ', '}
                        <strong data-user={user.name}>{user.displayName ?? user.name}</strong>
                        {user.schedule !== null && (
                          <span className="muted"> via {user.schedule}{user.source === null ? '' : user.source.kind === 'layer' ? `, layer ${user.source.layer}` : ', override'}</span>
                        )}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {simulation.unstaffed.length > 0 && (
        <p className="problem">
          Nobody on call at {simulation.unstaffed.map((gap) => `level ${String(gap.level)} (${formatInstant(gap.at)})`).join(', ')}: those levels pass to the next at once.
        </p>
      )}
    </div>
  );
}
