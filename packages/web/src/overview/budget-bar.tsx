import { formatPercent } from '../format/percent';

/**
 * The error budget left as a bar and as a figure. The figure is the API's `remaining` printed
 * with `formatPercent`; `data-value` carries the number itself for tests.
 */
export function BudgetBar({ remaining }: { readonly remaining: number | null }) {
  const level = remaining === null ? 'none' : remaining <= 0 ? 'spent' : remaining < 0.25 ? 'low' : remaining < 0.5 ? 'half' : 'good';
  const width = remaining === null ? 0 : Math.max(0, Math.min(1, remaining)) * 100;
  return (
    <span className="budget">
      <span className={`budget-bar budget-${level}`} aria-hidden="true" style={{ backgroundSize: `${String(width)}% 100%` }} />
      <span className="budget-figure" data-testid="budget-remaining" data-value={remaining ?? ''}>{formatPercent(remaining, 2)}</span>
    </span>
  );
}
