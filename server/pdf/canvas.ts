/**
 * Drawing in millimetres on a pdfkit page: boxes, rules, single-line text, text fitted
 * into a box (it shrinks down to a minimum size, then wraps onto at most N lines and
 * ends with an ellipsis — it never overflows), signature boxes, and the dashed cut
 * line with a scissors mark drawn as vector paths (the standard fonts have no ✂).
 * Every string is passed through pdfSafe() here, so callers cannot forget it.
 * Shared by every PDF of the console (intervention sheets, the mediation referral file).
 */
import type { FontName, PdfDoc } from './document';
import { FONTS } from './document';
import { textWidth } from './metrics';
import { pdfSafe } from './safeText';
import { mm, toMm, type Box } from './units';
import { wrapText, ellipsize, type Wrapped } from './wrap';

export type Align = 'left' | 'center' | 'right';
/** A colour: `#rrggbb`, or CMYK percentages (pdfkit's 4-number form). */
export type Color = string | readonly [number, number, number, number];

// Greys as black ink only (CMYK K): what a laser printer prints best, and short numbers in
// the page's content stream (RGB greys are written with 17 decimals, and the stream is compressed).
export const INK: Color = [0, 0, 0, 90];
export const MUTED: Color = [0, 0, 0, 62];
export const RULE: Color = [0, 0, 0, 40];
export const FAINT: Color = [0, 0, 0, 22];
export const LIGHT: Color = [0, 0, 0, 5];
export const PAPER: Color = [0, 0, 0, 0];

export interface TextStyle {
  font?: FontName;
  /** Font size in points. */
  size?: number;
  color?: Color;
  align?: Align;
}

export interface FitOptions extends TextStyle {
  /** Smallest size tried before wrapping gives up and truncates (default: size − 2). */
  minSize?: number;
  /** At most this many lines (default: as many as the box height allows). */
  maxLines?: number;
  /** Line height as a multiple of the font size (default 1.2). */
  lineHeight?: number;
  /** Keep `\n` in the text as line breaks. */
  multiline?: boolean;
  valign?: 'top' | 'middle' | 'bottom';
}

export interface Fitted extends Wrapped {
  size: number;
  /** Height used, mm. */
  height: number;
}

type PdfColor = Parameters<PdfDoc['fillColor']>[0];

export class Canvas {
  // The graphics state last set on the page: pdfkit writes a font, colour, width or dash
  // operator on every call, so unchanged ones are skipped. (A new page starts a new Canvas.)
  private font: FontName | null = null;
  private size = 0;
  private color: Color | null = null;
  private strokeColor: Color | null = null;
  private lineWidthPt = -1;
  private dashKey = '';

  constructor(readonly doc: PdfDoc) {}

  private use(font: FontName, size: number, color: Color = INK): void {
    if (font !== this.font) {
      this.doc.font(font);
      this.font = font;
      this.size = 0;
    }
    if (size !== this.size) {
      this.doc.fontSize(size);
      this.size = size;
    }
    this.fillStyle(color);
  }

  private fillStyle(color: Color): void {
    if (color !== this.color) {
      this.doc.fillColor(color as PdfColor);
      this.color = color;
    }
  }

  /** Stroke colour, width (pt) and dash (mm on, mm off) for the next paths. */
  private strokeStyle(color: Color, widthPt: number, dash?: readonly [number, number]): void {
    if (widthPt !== this.lineWidthPt) {
      this.doc.lineWidth(widthPt);
      this.lineWidthPt = widthPt;
    }
    const key = dash ? `${dash[0]}/${dash[1]}` : '';
    if (key !== this.dashKey) {
      if (dash) this.doc.dash(mm(dash[0]), { space: mm(dash[1]) });
      else this.doc.undash();
      this.dashKey = key;
    }
    if (color !== this.strokeColor) {
      this.doc.strokeColor(color as PdfColor);
      this.strokeColor = color;
    }
  }

  /** Draws one already-safe, already-measured line with its top-left corner at (x, y) mm. */
  private draw(line: string, x: number, y: number, widthPt: number): void {
    // textWidth: pdfkit would otherwise measure the line again before drawing it.
    this.doc.text(line, mm(x), mm(y), { lineBreak: false, textWidth: widthPt } as PDFKit.Mixins.TextOptions);
  }

  /** Width of `text` in mm at the given font and size (text must already be safe). */
  width(text: string, font: FontName = FONTS.regular, size = 10): number {
    return toMm(textWidth(text, font, size));
  }

  /** One line at (x, y = top of the line); with `width`, aligned in it and cut with an ellipsis if too long. */
  text(value: string, x: number, y: number, style: TextStyle & { width?: number } = {}): number {
    const font = style.font ?? FONTS.regular;
    const size = style.size ?? 10;
    let s = pdfSafe(value);
    if (!s) return 0;
    const measure = (t: string) => toMm(textWidth(t, font, size));
    let w = measure(s);
    if (style.width !== undefined && w > style.width) {
      s = ellipsize(s, style.width, measure);
      w = measure(s);
    }
    let left = x;
    if (style.width !== undefined && style.align === 'center') left = x + (style.width - w) / 2;
    if (style.width !== undefined && style.align === 'right') left = x + style.width - w;
    this.use(font, size, style.color);
    if (s) this.draw(s, left, y, textWidth(s, font, size));
    return w;
  }

  /**
   * `value` fitted inside `b`: the largest size from `size` down to `minSize` at which
   * it wraps within the box (and `maxLines`); failing that, `minSize` with the lines
   * that fit and an ellipsis. Never draws outside `b`.
   */
  fit(value: string, b: Box, options: FitOptions = {}): Fitted {
    const font = options.font ?? FONTS.regular;
    const size = options.size ?? 10;
    const minSize = Math.min(size, options.minSize ?? size - 2);
    const factor = options.lineHeight ?? 1.2;
    const s = pdfSafe(value, { multiline: options.multiline });
    let chosen: Fitted | null = null;
    // The common case: one line that fits at the full size.
    if (!s.includes('\n') && toMm(textWidth(s, font, size)) <= b.w && toMm(size) <= b.h + 1e-6) {
      chosen = { lines: [s], truncated: false, size, height: toMm(size * factor) };
    }
    for (let current = size; !chosen && current >= minSize - 1e-6; current -= 0.5) {
      const lineMm = toMm(current * factor);
      // The last line needs the glyphs' height, not the full leading.
      const capacity = Math.max(1, Math.floor((b.h - toMm(current) + lineMm + 1e-6) / lineMm));
      const allowed = Math.min(capacity, options.maxLines ?? Infinity);
      const measure = (t: string) => toMm(textWidth(t, font, current));
      const last = current - 0.5 < minSize - 1e-6;
      const wrapped = wrapText(s, b.w, measure, last ? allowed : allowed + 1);
      if (wrapped.lines.length <= allowed && !wrapped.truncated) {
        chosen = { ...wrapped, size: current, height: wrapped.lines.length * lineMm };
        break;
      }
      if (last) chosen = { ...wrapped, size: current, height: wrapped.lines.length * lineMm };
    }
    const result = chosen!;
    this.use(font, result.size, options.color);
    const lineMm = toMm(result.size * factor);
    const used = (result.lines.length - 1) * lineMm + toMm(result.size);
    let top = b.y;
    if (options.valign === 'middle') top = b.y + Math.max(0, (b.h - used) / 2);
    if (options.valign === 'bottom') top = b.y + Math.max(0, b.h - used);
    result.lines.forEach((line, i) => {
      if (!line) return;
      const widthPt = textWidth(line, font, result.size);
      const w = toMm(widthPt);
      let left = b.x;
      if (options.align === 'center') left = b.x + (b.w - w) / 2;
      if (options.align === 'right') left = b.x + b.w - w;
      this.draw(line, left, top + i * lineMm, widthPt);
    });
    return result;
  }

  rect(b: Box, options: { stroke?: Color | null; fill?: Color | null; lineWidth?: number; radius?: number; dash?: number } = {}): void {
    const { doc } = this;
    const stroke = options.stroke === undefined ? RULE : options.stroke;
    if (stroke) this.strokeStyle(stroke, options.lineWidth ?? 0.6, options.dash ? [options.dash, options.dash] : undefined);
    if (options.fill) this.fillStyle(options.fill);
    if (options.radius) doc.roundedRect(mm(b.x), mm(b.y), mm(b.w), mm(b.h), mm(options.radius));
    else doc.rect(mm(b.x), mm(b.y), mm(b.w), mm(b.h));
    if (options.fill && stroke) doc.fillAndStroke();
    else if (options.fill) doc.fill();
    else if (stroke) doc.stroke();
  }

  line(x1: number, y1: number, x2: number, y2: number, options: { color?: Color; lineWidth?: number; dash?: number; space?: number } = {}): void {
    this.strokeStyle(options.color ?? RULE, options.lineWidth ?? 0.6, options.dash ? [options.dash, options.space ?? options.dash] : undefined);
    this.doc.moveTo(mm(x1), mm(y1)).lineTo(mm(x2), mm(y2)).stroke();
  }

  /** A framed section with a title band; returns the content box under the band. */
  section(b: Box, title: string, options: { band?: number; padding?: number } = {}): Box {
    const band = options.band ?? 6;
    const pad = options.padding ?? 2.5;
    this.rect({ x: b.x, y: b.y, w: b.w, h: band }, { fill: LIGHT, stroke: null });
    this.rect(b, { radius: 1 });
    this.line(b.x, b.y + band, b.x + b.w, b.y + band);
    this.text(title.toUpperCase(), b.x + pad, b.y + (band - toMm(8)) / 2, { font: FONTS.bold, size: 8, color: INK, width: b.w - 2 * pad });
    return { x: b.x + pad, y: b.y + band + pad * 0.8, w: b.w - 2 * pad, h: b.h - band - pad * 1.6 };
  }

  /**
   * A small grey label with its value fitted beside it (`labelWidth`) or under it.
   * The value takes at most `lines` lines (default 1) and never leaves `b`. Returns the
   * height used, so that rows of fields can follow one another.
   */
  field(label: string, value: string, b: Box, options: { size?: number; lines?: number; bold?: boolean; labelWidth?: number } = {}): number {
    const size = options.size ?? 9.5;
    const font = options.bold ? FONTS.bold : FONTS.regular;
    if (options.labelWidth !== undefined) {
      this.text(label, b.x, b.y + toMm(0.718 * (size - 7.5)), { size: 7.5, color: MUTED, width: options.labelWidth - 1 });
      const fitted = this.fit(value, { x: b.x + options.labelWidth, y: b.y, w: b.w - options.labelWidth, h: b.h }, { size, minSize: size - 2, maxLines: options.lines ?? 1, font });
      return Math.max(toMm(7.5) * 1.2, fitted.height);
    }
    this.text(label, b.x, b.y, { size: 7, color: MUTED, width: b.w });
    const fitted = this.fit(value, { x: b.x, y: b.y + 3.2, w: b.w, h: b.h - 3.2 }, { size, minSize: size - 2, maxLines: options.lines ?? 1, font });
    return 3.2 + fitted.height;
  }

  /** A box to sign in: its label at the top, a dotted baseline, and a hint under it. */
  signatureBox(b: Box, label: string, hint?: string): void {
    this.rect(b, { radius: 1 });
    this.text(label, b.x + 2.5, b.y + 2, { font: FONTS.bold, size: 8.5, width: b.w - 5 });
    if (hint) this.text(hint, b.x + 2.5, b.y + 5.8, { size: 7, color: MUTED, width: b.w - 5 });
    this.line(b.x + 4, b.y + b.h - 5, b.x + b.w - 4, b.y + b.h - 5, { dash: 0.6, space: 0.8, lineWidth: 0.5 });
  }

  /** Ruled lines to write on, inside `b`, every `gap` mm. */
  writingLines(b: Box, gap = 7): void {
    for (let y = b.y + gap; y <= b.y + b.h + 1e-6; y += gap) this.line(b.x, y, b.x + b.w, y, { dash: 0.5, space: 1, lineWidth: 0.4, color: FAINT });
  }

  /**
   * Open scissors pointing right, centred on (cx, cy), `size` mm long: two finger rings
   * and two crossed blades, drawn as paths.
   */
  scissors(cx: number, cy: number, size = 6): void {
    const { doc } = this;
    const s = size;
    const ring = (x: number, y: number) => {
      doc.circle(mm(x), mm(y), mm(0.14 * s)).lineWidth(mm(0.06 * s)).undash().stroke(INK as PdfColor);
    };
    // Blades: from the ring's edge, crossing at the pivot, to a point.
    const blade = (fromX: number, fromY: number, tipX: number, tipY: number, width: number) => {
      const dx = tipX - fromX;
      const dy = tipY - fromY;
      const len = Math.hypot(dx, dy);
      const nx = (-dy / len) * width;
      const ny = (dx / len) * width;
      doc
        .moveTo(mm(fromX + nx), mm(fromY + ny))
        .lineTo(mm(tipX), mm(tipY))
        .lineTo(mm(fromX - nx), mm(fromY - ny))
        .closePath()
        .fill(INK as PdfColor);
    };
    // Its own graphics state (save/restore): the tracked one is left as it was.
    doc.save();
    const ringX = cx - 0.32 * s;
    ring(ringX, cy - 0.2 * s);
    ring(ringX, cy + 0.2 * s);
    blade(ringX + 0.1 * s, cy - 0.11 * s, cx + 0.6 * s, cy + 0.12 * s, 0.07 * s);
    blade(ringX + 0.1 * s, cy + 0.11 * s, cx + 0.6 * s, cy - 0.12 * s, 0.07 * s);
    doc.circle(mm(cx + 0.02 * s), mm(cy), mm(0.035 * s)).fill(PAPER as PdfColor);
    doc.restore();
  }

  /** A dashed cut line across `from`..`to` at `y`, scissors at its left end, and a label in a gap. */
  cutLine(y: number, from: number, to: number, label?: string): void {
    const scissorsSize = 7;
    this.line(from + scissorsSize + 1, y, to, y, { dash: 2, space: 1.5, lineWidth: 0.8, color: INK });
    this.scissors(from + scissorsSize / 2, y, scissorsSize);
    if (label) {
      const safe = pdfSafe(label);
      const w = this.width(safe, FONTS.regular, 7.5);
      const x = (from + to) / 2 - w / 2;
      this.rect({ x: x - 2, y: y - 2, w: w + 4, h: 4 }, { fill: PAPER, stroke: null });
      this.text(safe, x, y - toMm(7.5) / 2 - 0.2, { size: 7.5, color: MUTED });
    }
  }
}
