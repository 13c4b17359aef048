export * from './config/kinds';
export type * from './config/config-object';
export * from './api/role';
export * from './api/error-codes';
export * from './api/stored-object';
export * from './api/apply';
export * from './api/token';
export * from './api/audit-entry';
