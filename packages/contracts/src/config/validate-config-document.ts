import type { ConfigObject, ConfigProblem } from './config-object';
import { closestName } from './closest-name';
import { goldenSignalProblems } from './openslo/golden-signal-annotations';
import { anySpecSchema, configDocumentSchema } from './config-document-schema';
import { findKind, KINDS, type KindInfo } from './kinds';
import { OPENSLO_SPEC_SCHEMAS } from './openslo/openslo-spec-schemas';
import { describeValue, parseConfigValue } from './parse-config-value';
import { XOPS_SPEC_SCHEMAS } from './xops/xops-spec-schemas';
import { isPlainObject, ownField } from './plain-object';

const API_VERSIONS = ['openslo/v1', 'xops.dev/v1'];
const kindsOf = (apiVersion: string): string => KINDS.filter((k) => k.apiVersion === apiVersion).map((k) => k.kind).join(', ');
const KIND_LIST = `${kindsOf('openslo/v1')} (apiVersion openslo/v1) and ${kindsOf('xops.dev/v1')} (apiVersion xops.dev/v1)`;
const VALID_KINDS = `valid kinds are ${KIND_LIST}`;

const DOCUMENT_SCHEMAS = new Map(KINDS.map((info) => [info.kind, configDocumentSchema(OPENSLO_SPEC_SCHEMAS.get(info.kind) ?? XOPS_SPEC_SCHEMAS.get(info.kind) ?? anySpecSchema)]));
const ANY_DOCUMENT_SCHEMA = configDocumentSchema(anySpecSchema);

/**
 * Checks one config document (a parsed YAML or JSON value): its envelope (`apiVersion`, `kind`,
 * `metadata`, `spec`), and every field of the spec for OpenSLO v1 kinds and for the xops.dev/v1
 * kinds in `XOPS_SPEC_SCHEMAS` (the others need only be mappings). Returns every problem at once; never throws.
 *
 * @example validateConfigDocument({ apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'checkout' }, spec: {} })
 *   // → { ok: true, value: { apiVersion: 'openslo/v1', kind: 'Service', metadata: { name: 'checkout' }, spec: {} } }
 */
export function validateConfigDocument(value: unknown):
  { ok: true; value: ConfigObject } | { ok: false; problems: ConfigProblem[] } {
  if (!isPlainObject(value)) {
    return { ok: false, problems: [{ path: [], message: `a config document must be a mapping with apiVersion, kind, metadata and spec, not ${describeValue(value)}` }] };
  }
  const problems: ConfigProblem[] = [];
  const info = checkKind(ownField(value, 'kind'), problems);
  checkApiVersion(ownField(value, 'apiVersion'), info, problems);
  const parsed = parseConfigValue((info === undefined ? undefined : DOCUMENT_SCHEMAS.get(info.kind)) ?? ANY_DOCUMENT_SCHEMA, value);
  if (!parsed.ok) problems.push(...parsed.problems);
  else if (info?.kind === 'Service') problems.push(...goldenSignalProblems(parsed.value.metadata.annotations));
  if (info === undefined || !parsed.ok || problems.length > 0) return { ok: false, problems };
  const { metadata, spec } = parsed.value;
  return { ok: true, value: { apiVersion: info.apiVersion, kind: info.kind, metadata, spec } };
}

function checkKind(kind: unknown, problems: ConfigProblem[]): KindInfo | undefined {
  if (kind === undefined) {
    problems.push({ path: ['kind'], message: `\`kind\` is required: ${VALID_KINDS}` });
    return undefined;
  }
  if (typeof kind !== 'string') {
    problems.push({ path: ['kind'], message: `\`kind\` must be text, not ${describeValue(kind)}: ${VALID_KINDS}` });
    return undefined;
  }
  const info = KINDS.find((candidate) => candidate.kind === kind);
  if (info === undefined) {
    const guess = findKind(kind)?.kind ?? closestName(kind, KINDS.map((candidate) => candidate.kind));
    problems.push({ path: ['kind'], message: `unknown kind \`${kind}\`${guess === undefined ? `; ${VALID_KINDS}` : `: did you mean \`${guess}\`? Valid kinds are ${KIND_LIST}`}` });
  }
  return info;
}

function checkApiVersion(apiVersion: unknown, info: KindInfo | undefined, problems: ConfigProblem[]): void {
  const expected = info === undefined ? '`openslo/v1` or `xops.dev/v1`' : `\`${info.apiVersion}\` for ${info.kind}`;
  if (apiVersion === undefined) {
    problems.push({ path: ['apiVersion'], message: `\`apiVersion\` is required: ${expected}` });
  } else if (typeof apiVersion !== 'string') {
    problems.push({ path: ['apiVersion'], message: `\`apiVersion\` must be text, not ${describeValue(apiVersion)}: ${expected}` });
  } else if (info !== undefined && apiVersion !== info.apiVersion) {
    const holds = API_VERSIONS.includes(apiVersion) ? ` (\`${apiVersion}\` holds ${kindsOf(apiVersion)})` : '';
    problems.push({ path: ['apiVersion'], message: `${info.kind} belongs to apiVersion \`${info.apiVersion}\`, not \`${apiVersion}\`${holds}` });
  } else if (info === undefined && !API_VERSIONS.includes(apiVersion)) {
    problems.push({ path: ['apiVersion'], message: `unsupported apiVersion \`${apiVersion}\`: use \`openslo/v1\` or \`xops.dev/v1\`` });
  }
}
