/**
 * The box `xops up` prints when it creates the first admin token. Plain ASCII, because stdout
 * may go to a log collector rather than a terminal; the token appears exactly once.
 */
export function formatAdminTokenNotice(token: string): string {
  const lines = [
    `Admin token (shown once, store it now): ${token}`,
    'Use it as XOPS_TOKEN or with --token; create more with `xops token create`.',
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const rule = `+${'-'.repeat(width + 2)}+`;
  return [rule, ...lines.map((line) => `| ${line.padEnd(width)} |`), rule, ''].join('\n');
}
