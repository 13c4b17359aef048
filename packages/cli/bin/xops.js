#!/usr/bin/env node
// The `xops` command. xops ships its TypeScript sources and runs them through tsx, so there is
// no build step between a clone and a running server (docs/adr/0001-runtime-and-libraries.md).
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/main.ts');
process.exitCode = await runCli(process.argv);
