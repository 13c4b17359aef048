/** One figure of a benchmark, printed as one JSON line on stdout (DESIGN.md §9). */
export function report(bench: string, metric: string, value: number, unit: string): void {
  process.stdout.write(`${JSON.stringify({ bench, metric, value, unit })}\n`);
}

/** Progress and explanations go to stderr, so stdout stays machine-readable. */
export function say(text: string): void {
  process.stderr.write(`${text}\n`);
}
