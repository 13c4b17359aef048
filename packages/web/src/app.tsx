import { AppShell } from './layout/app-shell';
import { SessionGate } from './session/session-gate';

/** The dashboard: sign in first, then the pages. */
export function App() {
  return (
    <SessionGate>
      <AppShell />
    </SessionGate>
  );
}
