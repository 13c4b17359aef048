import { parse } from 'yaml';

/** A YAML text read as one SLO document, or what is wrong with it. */
export type ParsedSlo = { readonly ok: true; readonly document: Record<string, unknown>; readonly name: string } | { readonly ok: false; readonly problem: string };

/**
 * Reads the replay page's text: one YAML (or JSON) document of kind SLO with a `metadata.name`.
 * The server validates the rest, with every problem listed, when it replays.
 */
export function parseSloDocument(text: string): ParsedSlo {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    return { ok: false, problem: `The YAML does not parse: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!isRecord(value)) return { ok: false, problem: 'The text is not a YAML mapping: write one SLO document (apiVersion, kind, metadata, spec).' };
  if (value.kind !== 'SLO') return { ok: false, problem: `The document's kind is ${JSON.stringify(value.kind ?? null)}: replay takes an SLO.` };
  const name = isRecord(value.metadata) ? value.metadata.name : undefined;
  if (typeof name !== 'string' || name === '') return { ok: false, problem: 'The SLO needs a metadata.name.' };
  return { ok: true, document: value, name };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
