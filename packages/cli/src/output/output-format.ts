import { UsageError } from '../cli-errors';

export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Parses `-o`; anything else is a usage error naming the valid formats. */
export function parseOutputFormat(value: string): OutputFormat {
  const found = OUTPUT_FORMATS.find((format) => format === value);
  if (!found) throw new UsageError(`unknown output format "${value}": use one of ${OUTPUT_FORMATS.join(', ')}`);
  return found;
}
