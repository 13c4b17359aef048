import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiClientFor } from './api-client-for';
import { LoginForm } from './login-form';
import { SessionContext, type Session } from './session-context';
import { signInProblem } from './sign-in-problem';
import { tokenStorage } from './token-storage';

type GateState =
  | { readonly kind: 'checking'; readonly token: string }
  | { readonly kind: 'signed-out'; readonly message?: string }
  | { readonly kind: 'signed-in'; readonly token: string; readonly name: string; readonly role: Session['role'] };

/**
 * Renders `children` once a token is known to be valid (`GET /api/v1/whoami`), and the sign-in
 * form until then. A 401 on any later call signs out with a message.
 */
export function SessionGate({ children }: { readonly children: ReactNode }) {
  const [state, setState] = useState<GateState>(() => {
    const token = tokenStorage.read();
    return token === null ? { kind: 'signed-out' } : { kind: 'checking', token };
  });

  const signOut = useCallback((message?: string) => {
    tokenStorage.clear();
    setState({ kind: 'signed-out', message });
  }, []);

  const signIn = useCallback(async (token: string): Promise<string | undefined> => {
    try {
      const me = await apiClientFor(token).whoami();
      tokenStorage.write(token);
      setState({ kind: 'signed-in', token, name: me.name, role: me.role });
      return undefined;
    } catch (error) {
      return signInProblem(error);
    }
  }, []);

  // A token kept from earlier in this tab is checked once before the pages show.
  const checkingToken = state.kind === 'checking' ? state.token : undefined;
  useEffect(() => {
    if (checkingToken === undefined) return;
    let cancelled = false;
    apiClientFor(checkingToken).whoami().then((me) => {
      if (!cancelled) setState({ kind: 'signed-in', token: checkingToken, name: me.name, role: me.role });
    }, (error: unknown) => {
      if (cancelled) return;
      tokenStorage.clear();
      setState({ kind: 'signed-out', message: signInProblem(error) });
    });
    return () => { cancelled = true; };
  }, [checkingToken]);

  const signedInToken = state.kind === 'signed-in' ? state.token : undefined;
  const client = useMemo(
    () => (signedInToken === undefined ? undefined : apiClientFor(signedInToken, () => signOut('The server no longer accepts this token: sign in again.'))),
    [signedInToken, signOut],
  );

  if (state.kind === 'checking') return <p className="page-status" role="status">Checking your token…</p>;
  if (state.kind === 'signed-out' || client === undefined) {
    return <LoginForm message={state.kind === 'signed-out' ? state.message : undefined} onSubmit={signIn} />;
  }
  const session: Session = { client, name: state.name, role: state.role, signOut };
  return <SessionContext value={session}>{children}</SessionContext>;
}
