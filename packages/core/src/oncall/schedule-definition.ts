/**
 * An on-call schedule as `core` computes it: every time an instant in epoch ms, every length in
 * milliseconds, people by their id (a Team member's `name`). `contracts` compiles `kind: Schedule`
 * documents into this shape.
 */
export interface ScheduleDefinition {
  readonly name: string;
  /** IANA zone, e.g. `Europe/Berlin`: handoffs and restrictions follow its wall clock. */
  readonly timeZone: string;
  /** Lowest first: where two layers both have someone on call, the later layer wins (PagerDuty v2). */
  readonly layers: readonly ScheduleLayer[];
  /** Win over every layer; where two overlap, the later one in the list wins. */
  readonly overrides: readonly ScheduleOverride[];
}

/** One rotation: `users` take turns of `turnLengthMs`, the first turn starting at `start`. */
export interface ScheduleLayer {
  /** Unique in the schedule; final schedule entries name the layer they come from. */
  readonly name: string;
  /** In turn order; one person may appear more than once. */
  readonly users: readonly string[];
  /** The first handoff (epoch ms). Its wall-clock time in the zone is the handoff time of every turn. */
  readonly start: number;
  /** When the layer stops (epoch ms, exclusive); none: it goes on. */
  readonly end?: number;
  /**
   * Length of a turn on the zone's wall clock: a turn of 7 days handing off at Monday 09:00 stays
   * at 09:00 across DST, so it lasts 167 h or 169 h of real time when the clocks change.
   */
  readonly turnLengthMs: number;
  /** When the layer has someone on call; empty: always. */
  readonly restrictions: readonly Restriction[];
}

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type Restriction = DailyRestriction | WeeklyRestriction;

/**
 * A range of each listed day in local time, e.g. 09:00–17:00 on weekdays. Minutes after local
 * midnight; an end at or before the start ends the next day (22:00–06:00), 1440 is midnight.
 */
export interface DailyRestriction {
  readonly kind: 'daily';
  /** The days the range starts on. */
  readonly days: readonly Weekday[];
  readonly startMinute: number;
  readonly endMinute: number;
}

/**
 * One range of each week in local time, e.g. Friday 18:00 to Monday 08:00. Minutes after Monday
 * 00:00 local (0 to 10 080); an end at or before the start ends the next week.
 */
export interface WeeklyRestriction {
  readonly kind: 'weekly';
  readonly startMinute: number;
  readonly endMinute: number;
}

/** `user` is on call over `[from, to)`, whatever the layers say (a swap is two overrides). */
export interface ScheduleOverride {
  readonly user: string;
  readonly from: number;
  readonly to: number;
}

/** A half-open span of time in epoch ms: `[from, to)`. */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/** `user` is on call over `[from, to)`. */
export interface Shift extends TimeRange {
  readonly user: string;
}

/** Where an entry of the final schedule comes from. */
export type EntrySource = { readonly kind: 'layer'; readonly layer: string } | { readonly kind: 'override' };

/** One entry of the final schedule. */
export interface ScheduleEntry extends Shift {
  readonly source: EntrySource;
}

/** Who is on call over a range, one person at a time, and the spans with nobody. */
export interface FinalSchedule {
  readonly range: TimeRange;
  /** Sorted, never overlapping; neighbours with the same user and source are merged. */
  readonly entries: readonly ScheduleEntry[];
  /** Sorted spans with nobody on call; with `entries` they cover `range` exactly. */
  readonly gaps: readonly TimeRange[];
}
