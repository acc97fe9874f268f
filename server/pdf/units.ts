/**
 * Millimetres, the unit every PDF layout of the console is written in (A4 paper is
 * specified in mm; pdfkit works in points, 1 pt = 1/72 in).
 */
export const PT_PER_MM = 72 / 25.4;

/** Millimetres → points. */
export function mm(value: number): number {
  return value * PT_PER_MM;
}

/** Points → millimetres. */
export function toMm(points: number): number {
  return points / PT_PER_MM;
}

/** ISO 216 A4 portrait, in mm (595.28 × 841.89 pt). */
export const A4 = { width: 210, height: 297 } as const;

/** A rectangle in mm, from the page's top-left corner. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function box(x: number, y: number, w: number, h: number): Box {
  return { x, y, w, h };
}

/** The box shrunk by `top`, `right`, `bottom`, `left` (CSS order; one value for all four). */
export function inset(b: Box, top: number, right = top, bottom = top, left = right): Box {
  return { x: b.x + left, y: b.y + top, w: Math.max(0, b.w - left - right), h: Math.max(0, b.h - top - bottom) };
}

/** `n` columns of equal width separated by `gap`, or of the given relative widths. */
export function columns(b: Box, widths: number | readonly number[], gap = 0): Box[] {
  const weights = typeof widths === 'number' ? Array.from({ length: widths }, () => 1) : [...widths];
  const total = weights.reduce((a, w) => a + w, 0);
  const free = b.w - gap * (weights.length - 1);
  const out: Box[] = [];
  let x = b.x;
  for (const w of weights) {
    const width = (free * w) / total;
    out.push({ x, y: b.y, w: width, h: b.h });
    x += width + gap;
  }
  return out;
}

/** Rows of the given heights (mm) from the top of `b`, separated by `gap`; a height of 0 takes what is left. */
export function rows(b: Box, heights: readonly number[], gap = 0): Box[] {
  const fixed = heights.reduce((a, h) => a + h, 0) + gap * (heights.length - 1);
  const flexible = heights.filter((h) => h === 0).length;
  const rest = flexible ? Math.max(0, (b.h - fixed) / flexible) : 0;
  const out: Box[] = [];
  let y = b.y;
  for (const h of heights) {
    const height = h === 0 ? rest : h;
    out.push({ x: b.x, y, w: b.w, h: height });
    y += height + gap;
  }
  return out;
}
