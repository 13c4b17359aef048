import type { OtlpAnyValue, OtlpAttributes } from './otlp-request';
import { prometheusFloat } from './prometheus-float';
import { prometheusLabelName } from './prometheus-names';

/** Labels by name; made with a null prototype, so that `__proto__` is a label like any other. */
export type Labels = Record<string, string>;

function attributeText(value: OtlpAnyValue | undefined): string {
  if (!value) return '';
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return String(value.boolValue);
  if (value.intValue !== undefined) return String(value.intValue);
  if (value.doubleValue !== undefined) return prometheusFloat(value.doubleValue);
  if (value.arrayValue !== undefined) return JSON.stringify(value.arrayValue);
  if (value.kvlistValue !== undefined) return JSON.stringify(value.kvlistValue);
  return value.bytesValue ?? '';
}

/**
 * Data point attributes as labels: keys by `prometheusLabelName`, values as text (arrays and
 * key-value lists as their JSON). Two keys that map to one label name (`a.b` and `a_b`) keep
 * both values joined by `;`, as Prometheus does.
 */
export function attributeLabels(attributes: OtlpAttributes): Labels {
  const labels: Labels = Object.create(null);
  for (const { key, value } of attributes ?? []) {
    const name = prometheusLabelName(key);
    const text = attributeText(value);
    labels[name] = Object.hasOwn(labels, name) ? `${labels[name]};${text}` : text;
  }
  return labels;
}

/**
 * The labels a resource gives every sample, by Prometheus' OTLP conventions: `service` and
 * `job` from `service.name` (`job` is `service.namespace/service.name` when there is a
 * namespace) and `instance` from `service.instance.id`. Other resource attributes are not kept.
 */
export function resourceLabels(attributes: OtlpAttributes): Labels {
  const all = new Map((attributes ?? []).map(({ key, value }) => [key, attributeText(value)]));
  const labels: Labels = Object.create(null);
  const service = all.get('service.name');
  if (service !== undefined) {
    labels.service = service;
    const namespace = all.get('service.namespace');
    labels.job = namespace ? `${namespace}/${service}` : service;
  }
  const instance = all.get('service.instance.id');
  if (instance !== undefined) labels.instance = instance;
  return labels;
}

/** A point's labels: its attributes' labels, then the resource's, then `extra` (`le`, `quantile`), each over the one before. */
export function pointLabels(attributes: Readonly<Labels>, resource: Readonly<Labels>, extra?: readonly [string, string]): Labels {
  const labels: Labels = Object.assign(Object.create(null), attributes, resource);
  if (extra) labels[extra[0]] = extra[1];
  return labels;
}
