import type { z } from 'zod';

/** The `spec` schema of every xops.dev/v1 kind that is checked, by kind; the others take any mapping. */
export const XOPS_SPEC_SCHEMAS: ReadonlyMap<string, z.ZodType<Readonly<Record<string, unknown>>>> = new Map<string, z.ZodType<Readonly<Record<string, unknown>>>>([
]);
