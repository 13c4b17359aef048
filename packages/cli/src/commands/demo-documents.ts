import { fileURLToPath } from 'node:url';
import type { ConfigObject } from '@xops/contracts';
import { stringify } from 'yaml';
import { UsageError } from '../cli-errors';
import { formatConfigProblem } from '../config/format-config-problem';
import { loadConfigFiles } from '../config/load-config-files';

/** `examples/demo/` of the repository: the demo fleet's Services, scrape DataSource, SLIs and SLOs. */
export const DEMO_EXAMPLES = fileURLToPath(new URL('../../../../examples/demo/', import.meta.url));
/** The DataSource in `examples/demo/` whose targets are the fleet's `/metrics` endpoints. */
export const DEMO_DATA_SOURCE = 'demo-fleet';

/** A document ready to be written by the store: the object and the text it came from. */
export interface DemoDocument {
  readonly object: ConfigObject;
  readonly sourceText: string;
  readonly sourceFile: string | null;
}

/**
 * Loads `examples/demo/` and points the `demo-fleet` DataSource at the URLs the fleet actually
 * listens on (`urls`, in the fleet's order), so that any server port works. Throws a `UsageError`
 * listing the problems when the files do not load.
 */
export async function demoDocuments(urls: readonly string[], directory = DEMO_EXAMPLES): Promise<DemoDocument[]> {
  const loaded = await loadConfigFiles([directory]);
  if (!loaded.ok) throw new UsageError(`examples/demo/ does not load:\n${loaded.problems.map(formatConfigProblem).join('\n')}`);
  return loaded.documents.map(({ object, source }) => {
    if (object.kind !== 'DataSource' || object.metadata.name !== DEMO_DATA_SOURCE) return { object, sourceText: source.text, sourceFile: source.file };
    const connectionDetails = { ...(typeof object.spec.connectionDetails === 'object' ? object.spec.connectionDetails : {}), targets: [...urls] };
    const rendered: ConfigObject = { ...object, spec: { ...object.spec, connectionDetails } };
    return { object: rendered, sourceText: stringify(rendered), sourceFile: source.file };
  });
}
