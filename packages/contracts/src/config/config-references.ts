import type { ConfigObject } from './config-object';
import { ownField } from './plain-object';

/** One reference from a document to another object by name, with the field path that holds it. */
export interface ConfigReference {
  readonly path: readonly (string | number)[];
  readonly kind: string;
  readonly name: string;
}

type Path = readonly (string | number)[];

/**
 * Every by-name reference a config object makes: SLO.service → Service, indicatorRef → SLI,
 * alertPolicyRef → AlertPolicy, conditionRef → AlertCondition, targetRef → AlertNotificationTarget,
 * metricSourceRef → DataSource, including those inside inline objects; Schedule.team and
 * EscalationPolicy.team → Team, an escalation target's schedule → Schedule; a Route's
 * `target.channel` → AlertNotificationTarget.
 */
export function configReferences(object: ConfigObject): ConfigReference[] {
  const found: ConfigReference[] = [];
  const add = (holder: unknown, key: string, kind: string, path: Path): void => {
    const name = ownField(holder, key);
    if (typeof name === 'string') found.push({ path: [...path, key], kind, name });
  };
  const eachItem = (holder: unknown, key: string, visit: (item: unknown, path: Path) => void, path: Path): void => {
    const list = ownField(holder, key);
    if (Array.isArray(list)) list.forEach((item, index) => visit(item, [...path, key, index]));
  };
  const sliSpec = (spec: unknown, path: Path): void => {
    const metric = (holder: unknown, at: Path): void => add(ownField(holder, 'metricSource'), 'metricSourceRef', 'DataSource', [...at, 'metricSource']);
    metric(ownField(spec, 'thresholdMetric'), [...path, 'thresholdMetric']);
    const ratio = ownField(spec, 'ratioMetric');
    for (const part of ['good', 'bad', 'total', 'raw']) metric(ownField(ratio, part), [...path, 'ratioMetric', part]);
  };
  const sliHolder = (holder: unknown, path: Path): void => {
    add(holder, 'indicatorRef', 'SLI', path);
    sliSpec(ownField(ownField(holder, 'indicator'), 'spec'), [...path, 'indicator', 'spec']);
  };
  const alertPolicySpec = (spec: unknown, path: Path): void => {
    eachItem(spec, 'conditions', (item, at) => add(item, 'conditionRef', 'AlertCondition', at), path);
    eachItem(spec, 'notificationTargets', (item, at) => add(item, 'targetRef', 'AlertNotificationTarget', at), path);
  };
  const spec = object.spec;
  const root: Path = ['spec'];
  switch (object.kind) {
    case 'SLO':
      add(spec, 'service', 'Service', root);
      sliHolder(spec, root);
      eachItem(spec, 'objectives', sliHolder, root);
      eachItem(spec, 'alertPolicies', (item, at) => {
        add(item, 'alertPolicyRef', 'AlertPolicy', at);
        alertPolicySpec(ownField(item, 'spec'), [...at, 'spec']);
      }, root);
      break;
    case 'SLI':
      sliSpec(spec, root);
      break;
    case 'AlertPolicy':
      alertPolicySpec(spec, root);
      break;
    case 'Schedule':
      add(spec, 'team', 'Team', root);
      break;
    case 'EscalationPolicy':
      add(spec, 'team', 'Team', root);
      eachItem(spec, 'levels', (level, at) => eachItem(level, 'targets', (target, place) => add(target, 'schedule', 'Schedule', place), at), root);
      break;
    case 'Route': {
      // A route's notify-only `channel` is an AlertNotificationTarget, at every level of the tree.
      const routeNode = (node: unknown, at: Path): void => {
        add(ownField(node, 'target'), 'channel', 'AlertNotificationTarget', [...at, 'target']);
        eachItem(node, 'routes', routeNode, at);
      };
      routeNode(spec, root);
      break;
    }
  }
  return found;
}
