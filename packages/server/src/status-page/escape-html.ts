const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\'': '&#39;' };

/**
 * `text` as HTML character data or a quoted attribute value: the five characters that could end
 * text or an attribute become entities (HTML Living Standard §13.1.2.6, §13.1.4), so what a
 * responder wrote is shown as written and never parsed as markup.
 *
 * @example escapeHtml('<script>') // → '&lt;script&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replaceAll(/["&'<>]/g, (char) => ENTITIES[char] ?? char);
}
