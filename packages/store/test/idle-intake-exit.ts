// Opens the store of the data directory given, takes one alert in and ends without closing the
// store: the alert intake thread must not keep the process alive (alert-intake-thread.test.ts).
import { openStore } from '@xops/store';
import { NO_ROUTES } from './fixtures';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: idle-intake-exit.ts <dataDir>');
const store = await openStore({ dataDir });
const outcome = await store.intakeAlerts({
  reports: [{ kind: 'report', source: 'alerts', dedupKey: 'one', labels: { alertname: 'DiskFull' }, annotations: {}, summary: 'disk full', startsAt: 0, endsAt: null }],
  now: 1_000, actor: 'test', routing: NO_ROUTES,
});
process.stdout.write(`${outcome.alerts.length} alert taken in\n`);
