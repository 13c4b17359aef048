/** A remote-written series without its samples: its name, its labels but `__name__`, and its identity. */
export interface SeriesHead {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /**
   * The series' label fields exactly as they were sent, one character per byte: a sender writes
   * the same series the same way every time (Prometheus sorts labels by name), so equal keys are
   * the same series. Made once per series, so that maps keyed by it hash it once.
   */
  readonly key: string;
}
