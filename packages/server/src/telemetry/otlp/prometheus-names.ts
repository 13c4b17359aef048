/**
 * Prometheus-style names for OTel metrics and attributes, the way Prometheus' own OTLP receiver
 * builds them without UTF-8 names (otlptranslator, `BuildCompliantMetricName` and
 * `NormalizeLabel`): characters Prometheus names cannot hold split the name, and the pieces are
 * joined with single underscores.
 */

/**
 * `http.server.request.duration` → `http_server_request_duration`; a monotonic sum gets
 * `_total` (Prometheus' counter convention, so that a selector on `…_total` matches OTLP and
 * scraped counters alike). Unit suffixes (`_seconds`, `_bytes`) are not added.
 */
export function prometheusMetricName(otelName: string, { counter = false } = {}): string {
  let name = otelName.split(/[^a-zA-Z0-9_:]+/).filter((part) => part !== '').join('_').replace(/_{2,}/g, '_');
  if (/^[0-9]/.test(name)) name = `_${name}`;
  if (counter && name !== '' && !name.endsWith('_total')) name += '_total';
  return name;
}

/** `http.response.status_code` → `http_response_status_code`; a leading digit gets `key_`. */
export function prometheusLabelName(key: string): string {
  const name = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(name) ? `key_${name}` : name;
}
