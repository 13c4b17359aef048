import { Presets, SingleBar } from 'cli-progress';
import type { CliIo } from '../cli-io';

/** Progress of sending a file: a bar on a terminal, else one line at the end. */
export interface IngestProgress {
  /** `lines` more lines have been sent. */
  advance(lines: number): void;
  /** Ends the bar (a terminal) or prints `summary` on stderr (anything else). */
  finish(summary: string): void;
}

/**
 * A progress bar over `total` lines on stderr when stderr is a terminal; elsewhere (a CI log, a
 * pipe) a bar would only write control characters, so nothing until `finish` prints the summary.
 */
export function createIngestProgress(io: CliIo, total: number, unit: string, verb = 'sending'): IngestProgress {
  const terminal = io.errTerminal;
  if (terminal === undefined) return { advance: () => undefined, finish: (summary) => io.err(`${summary}\n`) };
  const bar = new SingleBar({
    stream: terminal,
    format: `${verb} {bar} {percentage}% | {value}/{total} ${unit} | {duration_formatted}`,
    hideCursor: true,
  }, Presets.shades_classic);
  bar.start(total, 0);
  return {
    advance: (lines) => bar.increment(lines),
    finish: () => bar.stop(),
  };
}
