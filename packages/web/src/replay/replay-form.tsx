import type { StoredObject } from '@xops/contracts';
import type { FormEvent } from 'react';
import { periodEndingNow } from './local-time-input';

export interface ReplayFormValue {
  readonly slo: string;
  /** `datetime-local` values. */
  readonly from: string;
  readonly to: string;
  readonly text: string;
}

const PRESETS = [['Last 6 hours', 21_600_000], ['Last day', 86_400_000], ['Last 7 days', 604_800_000]] as const;

/** Which SLO, which period, and the SLO's YAML to change before replaying it. */
export function ReplayForm({ slos, value, applied, busy, onChange, onSubmit }: {
  readonly slos: readonly StoredObject[];
  readonly value: ReplayFormValue;
  /** The YAML as applied, to go back to. */
  readonly applied: string | undefined;
  readonly busy: boolean;
  readonly onChange: (value: ReplayFormValue) => void;
  readonly onSubmit: () => void;
}) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="replay-form" onSubmit={submit} aria-labelledby="replay-form-heading">
      <h2 id="replay-form-heading">What to replay</h2>
      <div className="field">
        <label htmlFor="replay-slo">SLO</label>
        <select id="replay-slo" value={value.slo} required onChange={(event) => onChange({ ...value, slo: event.target.value })}>
          <option value="" disabled>Pick an SLO</option>
          {slos.map((slo) => <option key={slo.name} value={slo.name}>{slo.name}</option>)}
        </select>
      </div>
      <fieldset className="period">
        <legend>Period</legend>
        <div className="field">
          <label htmlFor="replay-from">From</label>
          <input id="replay-from" type="datetime-local" required value={value.from} onChange={(event) => onChange({ ...value, from: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="replay-to">To</label>
          <input id="replay-to" type="datetime-local" required value={value.to} onChange={(event) => onChange({ ...value, to: event.target.value })} />
        </div>
        <div className="presets">
          {PRESETS.map(([label, ms]) => <button key={label} type="button" className="secondary" onClick={() => onChange({ ...value, ...periodEndingNow(ms) })}>{label}</button>)}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="replay-yaml">SLO document (YAML)</label>
        <textarea
          id="replay-yaml" rows={18} spellCheck={false} value={value.text} aria-describedby="replay-yaml-help"
          onChange={(event) => onChange({ ...value, text: event.target.value })}
        />
        <p id="replay-yaml-help" className="hint">
          Change the objective (target, window) or the alert policy, inline under <code>alertPolicies</code>, and replay:
          the applied SLO and yours run over the same stored history, side by side. Nothing is applied.
        </p>
        {applied !== undefined && value.text !== applied && (
          <button type="button" className="secondary" onClick={() => onChange({ ...value, text: applied })}>Undo my changes</button>
        )}
      </div>
      <button type="submit" disabled={busy || value.slo === ''}>{busy ? 'Replaying…' : 'Replay'}</button>
    </form>
  );
}
