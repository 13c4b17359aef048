import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { LocatedConfigProblem } from '@xops/contracts';

const CONFIG_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** A config file to read: `file` as the user will see it, `absolute` to open it. */
export interface ConfigFile {
  readonly file: string;
  readonly absolute: string;
}

/**
 * The config files named by `paths`: files as given (whatever their extension: the user named
 * them), directories walked recursively for `.yaml`, `.yml` and `.json` files, skipping hidden
 * entries (`.git`, `.github`). Each directory's entries are sorted, so the order is the same on
 * every machine; a file named twice is read once. Paths that cannot be read become problems.
 */
export async function findConfigFiles(paths: readonly string[], cwd: string):
  Promise<{ files: ConfigFile[]; problems: LocatedConfigProblem[] }> {
  const files: ConfigFile[] = [];
  const problems: LocatedConfigProblem[] = [];
  const seen = new Set<string>();
  const addFile = (file: string, absolute: string): void => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    files.push({ file, absolute });
  };
  const walk = async (directory: string, absolute: string): Promise<void> => {
    const entries = await readdir(absolute, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const file = path.join(directory, entry.name);
      const entryPath = path.join(absolute, entry.name);
      if (entry.isDirectory()) await walk(file, entryPath);
      else if (entry.isFile() && CONFIG_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) addFile(file, entryPath);
    }
  };
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    try {
      const info = await stat(absolute);
      if (info.isDirectory()) await walk(given, absolute);
      else addFile(given, absolute);
    } catch (error) {
      problems.push({ file: given, line: 1, column: 1, path: [], message: `cannot read this path: ${describeFsError(error)}` });
    }
  }
  return { files, problems };
}

/** A short reason for a file-system error, e.g. `no such file or directory`. */
export function describeFsError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}
