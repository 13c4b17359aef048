import { compileRouting, validateConfigDocument, type ConfigObject, type RoutingConfig } from '@xops/contracts';
import type { XopsStore } from '@xops/store';
import { XopsError } from '../http/xops-error';

/**
 * The applied Route and MaintenanceWindow documents compiled for the router (`compileRouting`):
 * 409 with every problem when a stored one no longer compiles, so a simulation never silently
 * leaves out a tree.
 */
export async function loadRoutingConfig(store: XopsStore): Promise<RoutingConfig> {
  const stored = (await Promise.all(['Route', 'MaintenanceWindow'].map((kind) => store.listObjects(kind)))).flat();
  const objects: ConfigObject[] = [];
  const problems: string[] = [];
  for (const object of stored) {
    // A JSON column is input from outside (STYLE.md): re-validate before compiling.
    const checked = validateConfigDocument(object.object);
    if (checked.ok) objects.push(checked.value);
    else problems.push(`${object.kind} "${object.name}": the stored document is no longer valid; apply it again`);
  }
  const compiled = compileRouting(objects);
  if (!compiled.ok) problems.push(...compiled.error);
  if (problems.length > 0 || !compiled.ok) {
    throw new XopsError('XOPS_ERR_CONFLICT', `The applied routing config cannot be used: ${problems.join('; ')}.`, { problems });
  }
  return compiled.value;
}
