/** Where the CLI writes and what it reads from its environment; tests pass their own. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** stderr when it is a terminal, for progress bars; absent when it is a file, a pipe or a test's capture. */
  readonly errTerminal?: NodeJS.WriteStream;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  errTerminal: process.stderr.isTTY ? process.stderr : undefined,
};
