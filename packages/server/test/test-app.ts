import type { Role } from '@xops/contracts';
import { openTestStore, type StoreEngine, type XopsStore } from '@xops/store';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createApp, type CreateAppOptions } from '../src/app';
import { bootstrapAdminToken } from '../src/auth/bootstrap-admin-token';
import { generateTokenSecret, hashTokenSecret } from '../src/auth/token-secret';
import type { ZodApp } from '../src/http/zod-app';

/** Who a test calls as: a role token, or `ingest`, an ingest token with scope `ingest:metrics`. */
export type TestCaller = Role | 'ingest';

export interface TestApp {
  readonly app: ZodApp;
  readonly store: XopsStore;
  /**
   * A token of each role, and `ingest` (scope `ingest:metrics`, named `ingest-bot`): `admin` from
   * the bootstrap, the others inserted by the test.
   */
  readonly tokens: Readonly<Record<TestCaller, string>>;
  /** `app.inject` with `Authorization: Bearer <token of caller>` (none when `as` is omitted). */
  call(options: InjectOptions & { as?: TestCaller }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** What a test may add to the app: a clock, and an SLO evaluator made on the test's store. */
export interface TestAppExtras {
  readonly clock?: CreateAppOptions['clock'];
  readonly evaluator?: (store: XopsStore) => NonNullable<CreateAppOptions['evaluator']>;
  readonly telemetry?: (store: XopsStore) => NonNullable<CreateAppOptions['telemetry']>;
}

/** A fresh store on `engine`, an app on it, a token per role and an ingest token. */
export async function openTestApp(engine: StoreEngine, extras: TestAppExtras = {}): Promise<TestApp> {
  const { store, cleanup } = await openTestStore(engine);
  const admin = await bootstrapAdminToken(store);
  if (!admin) throw new Error('a fresh store should get an admin token');
  const tokens: Record<TestCaller, string> = { admin, viewer: '', responder: '', editor: '', ingest: generateTokenSecret() };
  for (const role of ['viewer', 'responder', 'editor'] as const) {
    tokens[role] = generateTokenSecret();
    await store.insertToken({ name: `${role}-bot`, role, hash: hashTokenSecret(tokens[role]), createdBy: 'test' });
  }
  await store.insertToken({ name: 'ingest-bot', scopes: ['ingest:metrics'], hash: hashTokenSecret(tokens.ingest), createdBy: 'test' });
  const evaluator = extras.evaluator?.(store);
  const telemetry = extras.telemetry?.(store);
  const app = await createApp({ store, version: '0.0.0-test', clock: extras.clock, evaluator, telemetry });
  return {
    app,
    store,
    tokens,
    call: ({ as, headers, ...rest }) => app.inject({
      ...rest,
      headers: { ...headers, ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}) },
    }),
    close: async () => {
      await evaluator?.close();
      await telemetry?.scraper?.close();
      await telemetry?.promql?.close();
      await telemetry?.sink.close();
      await app.close();
      await cleanup();
    },
  };
}
