import { testDatabaseEngines } from '@xops/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliHarness, runXops, type CliHarness } from './cli-harness';

describe.each(testDatabaseEngines())('exit codes and tokens on %s', (engine) => {
  let harness: CliHarness;
  beforeAll(async () => { harness = await openCliHarness(engine); });
  afterAll(async () => { await harness.close(); });

  it('exits 2 on an unknown kind, naming the known ones', async () => {
    const result = await harness.xops(['get', 'sloth']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown kind "sloth"');
    expect(result.stderr).toContain('slo');
  });

  it('exits 2 on an unknown output format and on an unknown command', async () => {
    expect((await harness.xops(['get', 'slo', '-o', 'xml'])).code).toBe(2);
    const typo = await harness.xops(['aply']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('apply');
  });

  it('exits 0 with help that shows an example', async () => {
    const help = await harness.xops(['apply', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('$ xops apply -f examples/');
  });

  it('exits 1 with a hint when no token is given', async () => {
    const result = await runXops(['get', 'slo'], { XOPS_SERVER: harness.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('XOPS_ERR_UNAUTHENTICATED');
    expect(result.stderr).toContain('XOPS_TOKEN');
  });

  it('exits 1 when the server cannot be reached', async () => {
    const result = await runXops(['get', 'slo'], { XOPS_SERVER: 'http://127.0.0.1:1', XOPS_TOKEN: 'x' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot reach the xops server at http://127.0.0.1:1');
  });

  it('creates a viewer token that can read but not apply', async () => {
    const created = await harness.xops(['token', 'create', '--name', 'reader', '--role', 'viewer']);
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^xops_[A-Za-z0-9_-]{43}$/);

    expect((await harness.xops(['get', 'slo'], { token })).code).toBe(0);
    const denied = await harness.xops(['apply', '-f', 'examples/'], { token });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain('XOPS_ERR_FORBIDDEN');
    const audit = await harness.store.listAudit();
    expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([['token.create', 'admin'], ['token.create', 'system']]);
  });

  it('rejects an unknown role with exit 2 before calling the server', async () => {
    const result = await harness.xops(['token', 'create', '--name', 'x', '--role', 'root']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown role "root": use one of viewer, responder, editor, admin');
  });
});
