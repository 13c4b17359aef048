/**
 * The text of one document of a multi-document YAML file, comments included: from the end of
 * the previous document to the end of this one, without leading blank lines or a bare `---`
 * marker line, and with trailing blank lines cut to one newline. `start` is its offset in the file.
 */
export function documentText(fileText: string, from: number, to: number): { readonly text: string; readonly start: number } {
  let start = from;
  const skip = (pattern: RegExp): void => {
    const match = pattern.exec(fileText.slice(start, to));
    if (match !== null) start += match[0].length;
  };
  skip(/^(?:[ \t]*\r?\n)+/);
  skip(/^---[ \t]*(?:\r?\n|$)/);
  skip(/^(?:[ \t]*\r?\n)+/);
  const body = fileText.slice(start, to);
  const trimmed = body.replace(/\s+$/, '');
  return { text: trimmed.length < body.length ? `${trimmed}\n` : trimmed, start };
}
