import { roleAllows, type Role } from '@xops/contracts';
import type { ReactNode } from 'react';
import { useSession } from './session-context';

/** Renders `children` only for a token whose role is at least `needs`: actions a role cannot take are not shown. */
export function RoleGate({ needs, children }: { readonly needs: Role; readonly children: ReactNode }) {
  const { role } = useSession();
  return roleAllows(role, needs) ? children : null;
}
