import type { ConfigObject, ConfigProblem } from '../config-object';
import { closestName } from '../closest-name';
import { ownField } from '../plain-object';

type Path = readonly (string | number)[];

/**
 * Every person a Schedule (layer users, override users) or an EscalationPolicy (`user` targets)
 * names, with the field path that names them. Other kinds name nobody.
 */
export function memberReferences(object: ConfigObject): { readonly path: Path; readonly name: string }[] {
  const found: { path: Path; name: string }[] = [];
  const each = (holder: unknown, key: string, path: Path, visit: (item: unknown, at: Path) => void): void => {
    const list = ownField(holder, key);
    if (Array.isArray(list)) list.forEach((item: unknown, index) => visit(item, [...path, key, index]));
  };
  const person = (item: unknown, at: Path): void => {
    if (typeof item === 'string') found.push({ path: at, name: item });
  };
  const field = (holder: unknown, key: string, at: Path): void => person(ownField(holder, key), [...at, key]);
  const root: Path = ['spec'];
  if (object.kind === 'Schedule') {
    each(object.spec, 'layers', root, (layer, at) => each(layer, 'users', at, person));
    each(object.spec, 'overrides', root, (override, at) => field(override, 'user', at));
  } else if (object.kind === 'EscalationPolicy') {
    each(object.spec, 'levels', root, (level, at) => each(level, 'targets', at, (target, place) => field(target, 'user', place)));
  }
  return found;
}

/**
 * The people a Schedule or EscalationPolicy names who are not members of its `team`. `team(name)`
 * gives the Team document when it is at hand (in the same bundle); a team known only by name (on
 * the server) cannot be checked here, and gives no problems.
 */
export function teamMemberProblems(object: ConfigObject, team: (name: string) => ConfigObject | undefined): ConfigProblem[] {
  const teamName = ownField(object.spec, 'team');
  const found = typeof teamName === 'string' ? team(teamName) : undefined;
  const members = ownField(found?.spec, 'members');
  if (typeof teamName !== 'string' || !Array.isArray(members)) return [];
  const names = members.map((member: unknown) => ownField(member, 'name')).filter((name): name is string => typeof name === 'string');
  return memberReferences(object)
    .filter((reference) => !names.includes(reference.name))
    .map((reference) => {
      const guess = closestName(reference.name, names);
      return {
        path: reference.path,
        message: `\`${reference.name}\` is not a member of Team \`${teamName}\`: ${guess === undefined ? '' : `did you mean \`${guess}\`? Otherwise `}add them to its members or fix the name`,
      };
    });
}
