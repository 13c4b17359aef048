export type * from './xops-store';
