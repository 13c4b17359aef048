import { RoleGate } from '../session/role-gate';

/** Applies the replayed change, for editors; says what the server did. */
export function ApplyChange({ onApply, note }: { readonly onApply: () => Promise<void>; readonly note: string | null }) {
  return (
    <RoleGate needs="editor">
      <section aria-labelledby="apply-heading">
        <h2 id="apply-heading">Apply the change</h2>
        <p>Apply the changed SLO as replayed; the SLO engine uses it from its next evaluation.</p>
        <button type="button" onClick={() => { void onApply(); }}>Apply the changed SLO</button>
        {note !== null && <p role="status" data-testid="apply-result">{note}</p>}
      </section>
    </RoleGate>
  );
}
