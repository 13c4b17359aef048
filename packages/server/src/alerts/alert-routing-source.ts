import { compileRouting, validateConfigDocument } from '@xops/contracts';
import type { InhibitRule, MaintenanceWindow, Result, RouteNode, RouteTree } from '@xops/core';
import type { AlertRouting, ChannelDestination, EscalationSnapshot, XopsStore } from '@xops/store';
import { snapshotEscalationPolicy } from '../incidents/escalation-snapshot';
import { channelDestination } from './channel-destination';

/** The kinds routing is compiled from: a change to any of them may change where an alert goes. */
export const ROUTING_KINDS = ['Route', 'MaintenanceWindow', 'AlertNotificationTarget', 'EscalationPolicy', 'Schedule', 'Team'] as const;

/** The little the routing source logs through. */
export interface RoutingLogger {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** The applied routing config, compiled once per change of it (as the SLO evaluator does). */
export interface AlertRoutingSource {
  /** The routing as applied now: recompiled only when a routing object was applied or deleted since the last call. */
  current(): Promise<AlertRouting>;
  /** What the last compile left out and why: documents that do not compile, channels xops cannot reach. */
  problems(): readonly string[];
}

interface Compiled {
  readonly version: string;
  readonly routing: AlertRouting;
  readonly problems: readonly string[];
}

/**
 * Compiles the applied Route, MaintenanceWindow, AlertNotificationTarget and on-call objects for
 * the alert pipeline, and recompiles when `store.configVersion` says they changed: one cheap
 * query per request instead of reading every document. A document that no longer compiles is
 * left out (and logged) rather than stopping every alert; escalation policies are snapshotted
 * here, so an incident opened in the intake transaction needs no read outside it.
 *
 * @example const routing = await createAlertRoutingSource({ store, logger }).current();
 */
export function createAlertRoutingSource(options: { readonly store: XopsStore; readonly logger?: RoutingLogger }): AlertRoutingSource {
  const { store, logger } = options;
  let compiled: Compiled | undefined;
  let building: Promise<Compiled> | undefined;
  // The source sides of the inhibition rules the stored flags were last set for (none yet).
  let flaggedFor: string | undefined;

  async function build(version: string): Promise<Compiled> {
    const objects = (await Promise.all(ROUTING_KINDS.map((kind) => store.listObjects(kind)))).flat();
    const problems: string[] = [];
    const trees: RouteTree[] = [];
    const inhibitRules: InhibitRule[] = [];
    const maintenanceWindows: MaintenanceWindow[] = [];
    const channels = new Map<string, Result<ChannelDestination, string>>();
    for (const stored of objects) {
      const checked = validateConfigDocument(stored.object);
      if (!checked.ok) {
        problems.push(`${stored.kind} "${stored.name}": the stored document is no longer valid; apply it again`);
        continue;
      }
      if (stored.kind === 'AlertNotificationTarget') {
        const destination = channelDestination(checked.value);
        channels.set(stored.name, destination);
        if (!destination.ok) problems.push(destination.error);
      }
      if (stored.kind !== 'Route' && stored.kind !== 'MaintenanceWindow') continue;
      // One document at a time, so that one broken Route leaves the others routing.
      const one = compileRouting([checked.value]);
      if (!one.ok) {
        problems.push(...one.error);
        continue;
      }
      trees.push(...one.value.trees);
      inhibitRules.push(...one.value.inhibitRules);
      maintenanceWindows.push(...one.value.maintenanceWindows);
    }
    const snapshots = new Map<string, Result<EscalationSnapshot, string>>();
    for (const policy of policiesOf(trees)) snapshots.set(policy, await snapshotEscalationPolicy(store, policy));
    for (const problem of problems) logger?.warn({ problem }, 'routing config left out');
    // The intake reads only the firing alerts flagged as inhibition sources: new rules, new flags.
    const sources = JSON.stringify(inhibitRules.map((rule) => rule.sourceMatchers));
    if (sources !== flaggedFor) {
      await store.reflagInhibitionSources({ inhibitRules });
      flaggedFor = sources;
    }
    return {
      version,
      problems,
      routing: {
        trees,
        inhibitRules,
        maintenanceWindows,
        escalationSnapshots: snapshots,
        channels,
      },
    };
  }

  return {
    async current() {
      const version = await store.configVersion(ROUTING_KINDS);
      if (compiled?.version === version) return compiled.routing;
      building ??= build(version).finally(() => { building = undefined; });
      compiled = await building;
      return compiled.routing;
    },
    problems: () => compiled?.problems ?? [],
  };
}

/** Every escalation policy a tree can page, each once. */
function policiesOf(trees: readonly RouteTree[]): Set<string> {
  const found = new Set<string>();
  const visit = (node: RouteNode) => {
    if (node.target?.kind === 'escalation-policy') found.add(node.target.name);
    node.routes.forEach(visit);
  };
  for (const tree of trees) visit(tree.root);
  return found;
}
