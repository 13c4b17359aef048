import type { SilenceBody } from '@xops/contracts';
import { ActionMessages } from '../common/action-messages';
import { useAction } from '../data/use-action';
import { formatInstant } from '../format/time-text';
import { RoleGate } from '../session/role-gate';
import { useSession } from '../session/session-context';

const STATE_TEXT = { pending: 'Pending', active: 'Active', expired: 'Expired' } as const;

/** The silences, active and pending first, the expired ones folded away; a responder expires one now. */
export function SilenceList({ silences, onChanged }: { readonly silences: readonly SilenceBody[]; readonly onChanged: () => void }) {
  const { client } = useSession();
  const action = useAction();
  const live = silences.filter((silence) => silence.state !== 'expired');
  const expired = silences.filter((silence) => silence.state === 'expired');

  const expire = async (silence: SilenceBody) => {
    if (await action.run(() => client.expireSilence(silence.id), { failure: 'Cannot expire the silence', success: 'Silence expired.' })) onChanged();
  };

  return (
    <div data-testid="silence-list" data-count={live.length}>
      <ActionMessages action={action} />
      {live.length === 0 ? <p className="muted">No active or pending silence.</p> : (
        <SilenceTable label="Active and pending silences" silences={live} busy={action.busy} onExpire={expire} />
      )}
      {expired.length > 0 && (
        <details>
          <summary>Expired silences ({expired.length})</summary>
          <SilenceTable label="Expired silences" silences={expired} busy={action.busy} onExpire={null} />
        </details>
      )}
    </div>
  );
}

function SilenceTable({ label, silences, busy, onExpire }: {
  readonly label: string;
  readonly silences: readonly SilenceBody[];
  readonly busy: boolean;
  readonly onExpire: ((silence: SilenceBody) => Promise<void>) | null;
}) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">Matchers</th>
            <th scope="col">State</th>
            <th scope="col">From</th>
            <th scope="col">Until</th>
            <th scope="col">Why</th>
            <th scope="col">By</th>
            {onExpire !== null && <RoleGate needs="responder"><th scope="col"><span className="visually-hidden">Expire</span></th></RoleGate>}
          </tr>
        </thead>
        <tbody>
          {silences.map((silence) => (
            <tr key={silence.id} data-testid="silence" data-state={silence.state} data-id={silence.id}>
              <th scope="row"><ul className="label-list">{silence.matchers.map((matcher) => <li key={matcher}><code>{matcher}</code></li>)}</ul></th>
              <td><span className={`badge silence-${silence.state}`}>{STATE_TEXT[silence.state]}</span></td>
              <td className="nowrap">{formatInstant(silence.startsAt)}</td>
              <td className="nowrap">
                {silence.expiredAt !== null ? `${formatInstant(silence.expiredAt)} (expired)`
                  : silence.endsAt !== null ? formatInstant(silence.endsAt) : 'its alert resolves'}
                {silence.untilResolved !== null && silence.endsAt !== null && <div className="muted">or when its alert resolves</div>}
              </td>
              <td>{silence.comment}</td>
              <td>{silence.createdBy}</td>
              {onExpire !== null && (
                <RoleGate needs="responder">
                  <td><button type="button" className="secondary" disabled={busy} aria-label={`Expire the silence ${silence.matchers.join(', ')}`} onClick={() => { void onExpire(silence); }}>Expire</button></td>
                </RoleGate>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
