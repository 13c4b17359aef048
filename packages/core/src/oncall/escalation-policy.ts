/**
 * An escalation policy as `core` plans it: who is paged, in which order, and how long each level
 * has to acknowledge before the next is paged. `contracts` compiles `kind: EscalationPolicy` into this.
 */
export interface EscalationPolicy {
  readonly name: string;
  /** Paged in order, the first at once. */
  readonly levels: readonly EscalationLevel[];
  /** How many more times the whole policy runs after its last level (PagerDuty's `num_loops`), 0 to 9. */
  readonly repeat: number;
}

export interface EscalationLevel {
  /** The people and schedules of this level, in order. */
  readonly targets: readonly EscalationTarget[];
  /** `all`: everyone the targets resolve to; `round-robin`: one of them, the next one for each incident. */
  readonly mode: 'all' | 'round-robin';
  /** How long this level has to acknowledge before the next level (or the next round) is paged. */
  readonly escalateAfterMs: number;
}

/** A schedule (whoever is on call when the level is paged) or one person by id. */
export type EscalationTarget =
  | { readonly kind: 'schedule'; readonly schedule: string }
  | { readonly kind: 'user'; readonly user: string };

/** One page the policy will send unless someone acknowledges first. */
export interface PlannedPage {
  /** When (epoch ms). */
  readonly at: number;
  /** 1 for the first level. */
  readonly level: number;
  /** 0 on the first pass through the levels, 1 on the first repeat, … */
  readonly round: number;
  /** The people paged together, in target order. */
  readonly users: readonly string[];
}

/** Every page of an incident's escalation, and the levels that had nobody to page. */
export interface EscalationPlan {
  readonly pages: readonly PlannedPage[];
  /** Levels whose targets resolved to nobody (a schedule gap): they pass to the next level at once. */
  readonly unstaffed: readonly Omit<PlannedPage, 'users'>[];
}
