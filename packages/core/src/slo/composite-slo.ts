/** One objective of a composite SLO, as the composite formulas see it. */
export interface CompositePart {
  readonly weight: number;
  readonly target: number;
}

/**
 * Composite SLOs (OpenSLO v1, reference/slo.md §1.3): objectives with their own indicators,
 * targets and weights share ONE error budget, which burns when any of them burns. Each objective's
 * burn is measured against its own allowance `1 − target_i`, so objectives with different targets
 * add up fairly. The formulas xops uses:
 *
 * - Occurrences and RatioTimeslices:
 *   `burn_c(w) = Σ_i weight_i × burn_i(w)` ("component burn rate × weight burns the composite") and
 *   spent share `= Σ_i weight_i × consumed_i / budget_i`. For RatioTimeslices with equal targets this
 *   is "missing parts add up, the weight multiplies the missing part": two objectives at a 95 %
 *   target that each sit at 95 % make a composite at 90 %, burning at 2×.
 * - Timeslices: a slice costs `max_i weight_i / (1 − target_i)` over the objectives that are bad in
 *   it, 0 when none is ("a bad slice of any objective is a bad slice of the composite": one bad slice
 *   costs once, however many objectives are bad in it); spent share `= Σ cost / slices in window`
 *   and `burn_c(w) = Σ cost in w / slices with data in w`.
 *   With one objective of weight 1 this is that objective's own budget and burn rate.
 * - The composite's target `T_c` is the weighted mean of the targets (the target itself when all
 *   are equal), and its SLI is `1 − (1 − T_c) × burn_c(elapsed window)`, so that
 *   `(1 − SLI_c) / (1 − T_c) = burn_c` holds as for any objective. Its budget is a share (total 1),
 *   `(1 − T_c) × window length` as time.
 *
 * @example compositeTarget([{ weight: 1, target: 0.99 }, { weight: 3, target: 0.95 }]) // → 0.96
 */
export function compositeTarget(parts: readonly CompositePart[]): number {
  let weights = 0;
  let sum = 0;
  for (const part of parts) {
    weights += part.weight;
    sum += part.weight * part.target;
  }
  if (weights > 0) return sum / weights;
  return parts.reduce((total, part) => total + part.target, 0) / Math.max(1, parts.length);
}

/** What a bad slice of an objective costs a Timeslices composite: `weight / (1 − target)`. */
export function badSliceCost(part: CompositePart): number {
  return part.weight / (1 - part.target);
}
