import type { AlertTransitionBody, ReplayResultBody } from '@xops/contracts';

/** What a replay says about one objective over the period. */
export interface ReplayOutcome {
  readonly objective: string;
  /** The budget left at the first and last point with data, fractions. */
  readonly budgetAtStart: number | null;
  readonly budgetAtEnd: number | null;
  /** The share of the budget spent during the period (start − end); negative when budget came back. */
  readonly spent: number | null;
  /** Each time an alert started firing, oldest first. */
  readonly fired: readonly AlertTransitionBody[];
}

/** One outcome per objective of a replay, in the order of the answer. */
export function replayOutcomes(result: ReplayResultBody): ReplayOutcome[] {
  return result.objectives.map((objective) => {
    const budgetAtStart = objective.errorBudgetRemaining.find((value) => value !== null) ?? null;
    const budgetAtEnd = objective.errorBudgetRemaining.findLast((value) => value !== null) ?? null;
    return {
      objective: objective.objective,
      budgetAtStart,
      budgetAtEnd,
      spent: budgetAtStart === null || budgetAtEnd === null ? null : budgetAtStart - budgetAtEnd,
      fired: result.transitions
        .filter((transition) => transition.to === 'firing' && (transition.objective === objective.objective || result.objectives.length === 1))
        .sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
    };
  });
}
