import { escapeHtml } from './escape-html';

/** HTML that is safe to insert as it is: made by `html`, never from a plain string. */
export interface Markup {
  readonly markup: string;
}

type Hole = string | number | Markup | readonly Markup[];

/**
 * A tagged template for HTML that escapes by default: every interpolated string or number is
 * escaped, `Markup` (made by `html`) is inserted as it is, a list of `Markup` is joined. Text from
 * the store cannot become markup by forgetting a call.
 *
 * @example html`<p>${update.text}</p>`.markup // '<p>&lt;script&gt;…</p>' for text '<script>…'
 */
export function html(strings: TemplateStringsArray, ...holes: readonly Hole[]): Markup {
  let markup = strings[0] ?? '';
  holes.forEach((hole, index) => {
    markup += render(hole) + (strings[index + 1] ?? '');
  });
  return { markup };
}

function render(hole: Hole): string {
  if (typeof hole === 'string') return escapeHtml(hole);
  if (typeof hole === 'number') return String(hole);
  if ('markup' in hole) return hole.markup;
  return hole.map((part) => part.markup).join('');
}
