// The first module of the alert intake thread (alert-intake-thread.ts): a worker thread starts
// without the TypeScript loader the process may run with, so it registers tsx (the loader the
// xops CLI and server run on) before loading the thread's code.
import { register } from 'tsx/esm/api';

register();
await import('./alert-intake-worker.ts');
