import { useState, type FormEvent } from 'react';

/**
 * The sign-in page: one field for an API token. The token stays in this tab's session storage
 * and is sent as `Authorization: Bearer …` on every call.
 */
export function LoginForm({ message, onSubmit }: { readonly message?: string; readonly onSubmit: (token: string) => Promise<string | undefined> }) {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | undefined>(message);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const answer = await onSubmit(token.trim());
    setBusy(false);
    setProblem(answer);
  };

  return (
    <main id="main" className="login">
      <h1>Sign in to xops</h1>
      <form onSubmit={(event) => { void submit(event); }} aria-describedby="login-help">
        <label htmlFor="token">API token</label>
        <input
          id="token" name="token" type="password" autoComplete="off" spellCheck={false} required
          value={token} onChange={(event) => setToken(event.target.value)} placeholder="xops_…"
          aria-invalid={problem === undefined ? undefined : true} aria-errormessage={problem === undefined ? undefined : 'login-problem'}
        />
        <button type="submit" disabled={busy || token.trim() === ''}>{busy ? 'Signing in…' : 'Sign in'}</button>
        {problem !== undefined && <p id="login-problem" className="problem" role="alert">{problem}</p>}
      </form>
      <p id="login-help" className="hint">
        The first start of xops printed an admin token. Make one per person with
        {' '}<code>npx xops token create ana --role viewer</code> (viewer, responder, editor or admin).
        The token is kept in this tab only. The public status page needs none: <a href="/status">/status</a>.
      </p>
    </main>
  );
}
