import { describe, expect, it } from 'vitest';
import { parseSloDocument } from './parse-slo-document';

describe('parseSloDocument', () => {
  it('reads one SLO document with its name', () => {
    const text = 'apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: checkout  # a comment\nspec:\n  service: checkout\n';
    expect(parseSloDocument(text)).toEqual({
      ok: true, name: 'checkout', document: { apiVersion: 'openslo/v1', kind: 'SLO', metadata: { name: 'checkout' }, spec: { service: 'checkout' } },
    });
  });

  it('says what is wrong with anything else', () => {
    expect(parseSloDocument('kind: [')).toMatchObject({ ok: false });
    expect(parseSloDocument('- a\n- b')).toEqual({ ok: false, problem: 'The text is not a YAML mapping: write one SLO document (apiVersion, kind, metadata, spec).' });
    expect(parseSloDocument('kind: Service\nmetadata: { name: a }')).toEqual({ ok: false, problem: 'The document\'s kind is "Service": replay takes an SLO.' });
    expect(parseSloDocument('kind: SLO\nspec: {}')).toEqual({ ok: false, problem: 'The SLO needs a metadata.name.' });
    expect(parseSloDocument('kind: SLO\nmetadata: { name: a }\n---\nkind: SLO\nmetadata: { name: b }')).toMatchObject({ ok: false });
  });
});
