import { describe, expect, it } from 'vitest';
import { documentText } from './document-text';

describe('documentText', () => {
  const file = '# first\nkind: A\n\n---\n# second\nkind: B\n\n\n';

  it('keeps leading comments and drops blank lines and the --- marker', () => {
    expect(documentText(file, 0, 17)).toEqual({ text: '# first\nkind: A\n', start: 0 });
    expect(documentText(file, 17, file.length)).toEqual({ text: '# second\nkind: B\n', start: 21 });
  });

  it('keeps a --- line that carries more than the marker', () => {
    expect(documentText('--- # note\nkind: A\n', 0, 19)).toEqual({ text: '--- # note\nkind: A\n', start: 0 });
  });
});
