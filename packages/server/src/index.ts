export { createApp } from './app';
export type { CreateAppOptions } from './app';
export { startServer } from './main';
export type { RunningServer, StartServerOptions } from './main';
export { bootstrapAdminToken } from './auth/bootstrap-admin-token';
export type { ZodApp } from './http/zod-app';
