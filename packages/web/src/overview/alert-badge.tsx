import { ROW_STATE_TEXT, type SloRow } from './slo-row';

/** The state of a row in words (never colour alone), with the alert's rule and severity when one is active. */
export function AlertBadge({ row }: { readonly row: SloRow }) {
  const detail = row.alert.rule === null ? row.problem : `${row.alert.rule} (${row.alert.severity ?? '?'})`;
  return (
    <span className={`badge badge-${row.state}`} title={detail ?? undefined}>
      {ROW_STATE_TEXT[row.state]}
      {detail !== null && <span className="badge-detail"> {detail}</span>}
    </span>
  );
}
