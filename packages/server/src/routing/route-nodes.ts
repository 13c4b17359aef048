import { formatMatchers, type RouteNode, type RouteTree } from '@xops/core';

/**
 * Every node of the routing trees by its route key, as `matchRoutes` names them (tree name and
 * root matchers, then `/` and each child's matchers, `#n` for the n-th twin of equal matchers),
 * so a match can be traced back to the node that took it and its own settings (`continue`).
 */
export function routeNodesByKey(trees: readonly RouteTree[]): ReadonlyMap<string, RouteNode> {
  const nodes = new Map<string, RouteNode>();
  const visit = (node: RouteNode, key: string): void => {
    nodes.set(key, node);
    const seen = new Map<string, number>();
    for (const child of node.routes) {
      const matchers = formatMatchers(child.matchers);
      const twins = seen.get(matchers) ?? 0;
      seen.set(matchers, twins + 1);
      visit(child, `${key}/${matchers}${twins === 0 ? '' : `#${twins}`}`);
    }
  };
  for (const tree of trees) visit(tree.root, `${tree.name}${formatMatchers(tree.root.matchers)}`);
  return nodes;
}
