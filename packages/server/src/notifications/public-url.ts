/**
 * `path` under `baseUrl`, keeping the base's own path: `https://host/xops` + `incidents/7` is
 * `https://host/xops/incidents/7` (a bare `new URL(path, base)` would drop `xops`).
 */
export function publicUrl(baseUrl: string, path: string): URL {
  return new URL(path.replace(/^\/+/, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
}
