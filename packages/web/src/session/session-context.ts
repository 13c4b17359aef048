import type { ApiClient, Role } from '@xops/contracts';
import { createContext, useContext } from 'react';

/** Who is signed in, with the API client that carries their token. */
export interface Session {
  readonly client: ApiClient;
  readonly name: string;
  readonly role: Role;
  signOut(message?: string): void;
}

export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; pages render only inside `SessionGate`, so it is always there. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside SessionGate');
  return session;
}
