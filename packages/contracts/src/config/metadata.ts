import { z } from 'zod';
import { invalidKeyMessage } from './key-problem';
import { objectNameSchema } from './object-name';

// OpenSLO README § Notes (General Schema): label keys and annotation names have at most 63
// characters, begin and end alphanumeric, with '-', '_', '.' and alphanumerics between.
const KEY_NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/;
// An annotation prefix is a DNS subdomain of at most 253 characters.
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

const LABEL_KEY_RULE = 'a label key has at most 63 letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit';
const ANNOTATION_KEY_RULE = 'an annotation key is an optional DNS prefix and a name of at most 63 letters, digits, \'-\', \'_\' or \'.\', e.g. example.com/dashboard';

function isAnnotationKey(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash === -1) return KEY_NAME.test(key);
  return DNS_SUBDOMAIN.test(key.slice(0, slash)) && KEY_NAME.test(key.slice(slash + 1));
}

const labelKeySchema = z.string().refine((key) => KEY_NAME.test(key), { error: (issue) => invalidKeyMessage(String(issue.input), LABEL_KEY_RULE) });
const annotationKeySchema = z.string().refine(isAnnotationKey, { error: (issue) => invalidKeyMessage(String(issue.input), ANNOTATION_KEY_RULE) });

/** zod schema for `metadata.labels`: values are a string or a list of strings (OpenSLO allows both). */
export const labelsSchema = z.record(
  labelKeySchema,
  z.union([z.string(), z.array(z.string())], { error: 'a label value is text or a list of texts; quote numbers and booleans, e.g. "true"' }),
);

/** zod schema for `metadata.annotations`: implementation metadata, string values only. */
export const annotationsSchema = z.record(
  annotationKeySchema,
  z.string({ error: (issue) => (issue.input === undefined ? undefined : 'an annotation value is text; quote numbers and booleans, e.g. "true"') }),
);

/** zod schema for the `metadata` every document (and every inline object) carries. */
export const metadataSchema = z.strictObject({
  name: objectNameSchema().describe('a name for this object, unique per kind, e.g. checkout-availability'),
  displayName: z.string().optional(),
  labels: labelsSchema.optional(),
  annotations: annotationsSchema.optional(),
});
