import type { ConfigObject, ConfigProblem } from './config-object';
import { closestName } from './closest-name';
import { configReferences } from './config-references';
import { inlineSliKind, thresholdSliProblems } from './openslo/slo-rules';
import { teamMemberProblems } from './xops/team-members';

/**
 * Checks a bundle of valid documents against each other (and against what already exists, as
 * `known(kind, name)` answers): no kind and name defined twice, every reference resolves, an
 * SLO that names a threshold SLI of the bundle follows the threshold rules, and the people a
 * Schedule or EscalationPolicy names are members of its Team when that Team is in the bundle.
 * Problems point at the document by its `index` in `objects`; paths are inside that document.
 */
export function validateBundle(objects: readonly ConfigObject[], known: (kind: string, name: string) => boolean):
  { index: number; problem: ConfigProblem }[] {
  const found: { index: number; problem: ConfigProblem }[] = [];
  const defined = new Map<string, ConfigObject>();
  const namesByKind = new Map<string, string[]>();
  objects.forEach((object, index) => {
    const key = `${object.kind}/${object.metadata.name}`;
    if (defined.has(key)) {
      found.push({ index, problem: { path: ['metadata', 'name'], message: `${object.kind} \`${object.metadata.name}\` is already defined by an earlier document of this bundle: names are unique per kind` } });
      return;
    }
    defined.set(key, object);
    namesByKind.set(object.kind, [...(namesByKind.get(object.kind) ?? []), object.metadata.name]);
  });
  objects.forEach((object, index) => {
    for (const reference of configReferences(object)) {
      if (defined.has(`${reference.kind}/${reference.name}`) || known(reference.kind, reference.name)) continue;
      const guess = closestName(reference.name, namesByKind.get(reference.kind) ?? []);
      found.push({
        index,
        problem: {
          path: reference.path,
          message: `no ${reference.kind} named \`${reference.name}\` exists in this bundle or on the server: ${guess === undefined ? '' : `did you mean \`${guess}\`? Otherwise `}define it or fix the name`,
        },
      });
    }
    if (object.kind === 'SLO') {
      const problems = thresholdSliProblems(object.spec, (source) => {
        if (!('ref' in source)) return undefined; // inline SLIs were checked with their document
        const kind = inlineSliKind(defined.get(`SLI/${source.ref}`));
        return kind === undefined ? undefined : { kind, label: `SLI \`${source.ref}\`` };
      });
      for (const problem of problems) found.push({ index, problem: { path: ['spec', ...problem.path], message: problem.message } });
    }
    for (const problem of teamMemberProblems(object, (name) => defined.get(`Team/${name}`))) found.push({ index, problem });
  });
  return found;
}
