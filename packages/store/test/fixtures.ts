import type { AlertRouting, ObjectWrite } from '@xops/store';

/** A config document for `kind`/`name`, as the server would hand it to the store after parsing. */
export function objectWrite(kind: string, name: string, spec: Record<string, unknown> = {}): ObjectWrite {
  return {
    object: { apiVersion: 'openslo/v1', kind, metadata: { name }, spec },
    sourceText: `apiVersion: openslo/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n`,
    sourceFile: `config/${name}.yaml`,
  };
}

/**
 * A clock that starts at 2025-03-01T10:00:00.000Z and moves one second per reading, so the n-th
 * mutation (counting from 0) is stamped 10:00:0n.
 */
export function steppingClock(): () => Date {
  let next = Date.parse('2025-03-01T10:00:00.000Z');
  return () => {
    const now = new Date(next);
    next += 1000;
    return now;
  };
}

/** Routing with no Route: every alert taken in is stored as unrouted. */
export const NO_ROUTES: AlertRouting = { trees: [], inhibitRules: [], maintenanceWindows: [], escalationSnapshots: new Map(), channels: new Map() };
