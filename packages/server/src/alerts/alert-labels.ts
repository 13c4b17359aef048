import { z } from 'zod';

/** The most labels one alert may carry, and the longest label value (Alertmanager sets no limit; storage does). */
export const MAX_ALERT_LABELS = 128;
export const MAX_LABEL_VALUE = 4096;
/** Annotations carry prose (descriptions, runbook links): longer values, and more of them. */
const MAX_ANNOTATIONS = 256;
const MAX_ANNOTATION_VALUE = 65_536;

const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 40)}…` : text}`;
}

/**
 * An alert's labels, as Prometheus and Alertmanager send them: a map of Prometheus label names
 * (letters, digits and `_`, not starting with a digit) to text. Every problem names its label:
 * `severity: a label value is text (a JSON string), not number 3; quote it: "3"`.
 */
export const alertLabelsSchema = z.record(z.string(), z.unknown()).superRefine((labels, ctx) => {
  const names = Object.keys(labels);
  if (names.length === 0) ctx.addIssue({ code: 'custom', message: 'an alert needs at least one label, e.g. {"alertname": "HighLatency", "service": "checkout"}' });
  if (names.length > MAX_ALERT_LABELS) ctx.addIssue({ code: 'custom', message: `an alert has at most ${MAX_ALERT_LABELS} labels, not ${names.length}` });
  for (const name of names.slice(0, MAX_ALERT_LABELS + 1)) {
    const value = labels[name];
    if (!LABEL_NAME.test(name)) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'a label name has letters, digits and _, and does not start with a digit (Prometheus\'s classic names; UTF-8 names are not taken)' });
    } else if (typeof value !== 'string') {
      const hint = typeof value === 'number' || typeof value === 'boolean' ? `; quote it: "${String(value)}"` : '';
      ctx.addIssue({ code: 'custom', path: [name], message: `a label value is text (a JSON string), not ${describeValue(value)}${hint}` });
    } else if (value.length > MAX_LABEL_VALUE) {
      ctx.addIssue({ code: 'custom', path: [name], message: `a label value has at most ${MAX_LABEL_VALUE} characters` });
    }
  }
}).transform((labels) => Object.fromEntries(Object.entries(labels).filter((entry): entry is [string, string] => typeof entry[1] === 'string')));

/** An alert's annotations: a map of names to text (Alertmanager's `annotations`). */
export const alertAnnotationsSchema = z.record(z.string(), z.unknown()).superRefine((annotations, ctx) => {
  const names = Object.keys(annotations);
  if (names.length > MAX_ANNOTATIONS) ctx.addIssue({ code: 'custom', message: `an alert has at most ${MAX_ANNOTATIONS} annotations, not ${names.length}` });
  for (const name of names.slice(0, MAX_ANNOTATIONS + 1)) {
    const value = annotations[name];
    if (name === '' || name.length > 1024) ctx.addIssue({ code: 'custom', path: [name], message: 'an annotation name has 1 to 1024 characters' });
    else if (typeof value !== 'string') ctx.addIssue({ code: 'custom', path: [name], message: `an annotation value is text (a JSON string), not ${describeValue(value)}` });
    else if (value.length > MAX_ANNOTATION_VALUE) ctx.addIssue({ code: 'custom', path: [name], message: `an annotation value has at most ${MAX_ANNOTATION_VALUE} characters` });
  }
}).transform((annotations) => Object.fromEntries(Object.entries(annotations).filter((entry): entry is [string, string] => typeof entry[1] === 'string')));

/** The one-line summary of an alert: its `summary` or `description` annotation, else its alertname, else `fallback`. */
export function alertSummary(labels: Readonly<Record<string, string>>, annotations: Readonly<Record<string, string>>, fallback: string): string {
  const text = annotations.summary ?? annotations.description ?? labels.alertname ?? fallback;
  return text.length > 1024 ? `${text.slice(0, 1023)}…` : text;
}
