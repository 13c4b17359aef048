import { findKind, KINDS, type KindInfo } from '@xops/contracts';
import { UsageError } from '../cli-errors';

/** The kind a user typed (`slo`, `slos`, `SLO`), or a usage error listing what exists. */
export function resolveKind(typed: string): KindInfo {
  const kind = findKind(typed);
  if (!kind) {
    throw new UsageError(`unknown kind "${typed}". Known kinds: ${KINDS.map((k) => k.aliases[0]).join(', ')}`);
  }
  return kind;
}
