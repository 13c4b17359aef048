/** The height of a row of one line, rem: 15 px × 1.45 of line, 2 × 0.3 rem of padding, 1 px of border (styles.css). */
const ROW_REM = 2.15;

/**
 * `contain-intrinsic-size` of a service's `<tbody>` in the SLO table: the height it is given
 * while out of view and not yet drawn (`content-visibility: auto`), its heading and each row (or
 * the line that says none is shown) at one line; `auto` keeps the height it had once drawn.
 * `groupHeight(3)` is `auto 8.6rem`.
 */
export function groupHeight(rows: number): string {
  return `auto ${String(Math.round(ROW_REM * (Math.max(rows, 1) + 1) * 100) / 100)}rem`;
}
