export * from './slo/bucket';
export type * from './slo/slo-definition';
export type * from './slo/alert-state';
