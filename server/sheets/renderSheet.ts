/**
 * Places a sheet's text (sheetText.ts) on one A4 portrait page, in millimetres: the
 * employer part on top, the dashed cut line with its scissors, the provider's coupon
 * below (rule SHEET-1). Every value is fitted inside its box (shrunk, wrapped, then
 * truncated with an ellipsis), so no name or address can push anything off its place.
 */
import { Canvas, INK, LIGHT, MUTED } from '../pdf/canvas';
import { addA4Page, createA4Document, FONTS, toBuffer, type PdfDoc } from '../pdf/document';
import { A4, columns, inset, type Box } from '../pdf/units';
import { sheetText, type Field, type SheetOrder, type SheetText } from './sheetText';

const MARGIN = 12;
// A status note (pending, cancelled…) in red: the one coloured element of a sheet.
const ALERT_FILL = '#fdecea';
const ALERT_LINE = '#c5221f';
const ALERT_TEXT = '#a50e0e';
const CONTENT: Box = { x: MARGIN, y: MARGIN, w: A4.width - 2 * MARGIN, h: A4.height - 2 * MARGIN };
/** Where the employer part ends and the coupon begins (mm from the top). */
export const CUT_Y = 212;

function header(c: Canvas, t: SheetText): void {
  const [left, right] = columns({ ...CONTENT, h: 30 }, [1.15, 1], 6);
  // The platform's identity and contact (the only contact on the sheet: CON-1).
  c.fit(t.company.name, { x: left.x, y: left.y, w: left.w, h: 7 }, { font: FONTS.bold, size: 15, minSize: 11, maxLines: 1 });
  c.fit(t.company.lines.join('\n'), { x: left.x, y: left.y + 8, w: left.w, h: 8.5 }, { size: 8.5, minSize: 7, multiline: true, maxLines: 2 });
  c.fit(t.company.legal, { x: left.x, y: left.y + 17.2, w: left.w, h: 7 }, { size: 7, minSize: 6, color: MUTED, maxLines: 2 });
  if (t.company.demoNote) c.text(t.company.demoNote, left.x, left.y + 25, { size: 6.5, color: MUTED, width: left.w });

  c.text(t.title.toUpperCase(), right.x, right.y, { font: FONTS.bold, size: 15, width: right.w, align: 'right' });
  c.text(`${t.employer.partLabel} · ${t.employer.partHint}`, right.x, right.y + 7.5, { size: 8.5, color: MUTED, width: right.w, align: 'right' });
  const badge: Box = { x: right.x + right.w - 62, y: right.y + 13.5, w: 62, h: 11 };
  c.rect(badge, { fill: LIGHT, stroke: INK, lineWidth: 0.8, radius: 1.5 });
  c.text(t.requestLabel, badge.x + 3, badge.y + 3.6, { size: 8.5, color: MUTED });
  c.fit(t.requestNumber, { x: badge.x + 22, y: badge.y + 2.3, w: badge.w - 25, h: 6.5 }, { font: FONTS.bold, size: 14, minSize: 9, maxLines: 1, align: 'right' });
}

/** Height of one line of a field's value (9.5 pt at 1.2 leading), mm. */
const LINE = (9.5 * 1.2 * 25.4) / 72;

/**
 * Label/value rows inside a box, label column on the left: each value takes the lines it
 * needs up to its `lines`, leaving at least one line to each field after it, and never
 * more than the box has left.
 */
function fieldRows(c: Canvas, b: Box, fields: ReadonlyArray<Field & { lines?: number; bold?: boolean }>, labelWidth: number, rowGap = 1.2): void {
  let y = b.y;
  fields.forEach((f, i) => {
    const after = fields.length - 1 - i;
    const room = b.y + b.h - y - after * (LINE + rowGap);
    const lines = Math.max(1, Math.min(f.lines ?? 1, Math.floor((room + 0.01) / LINE)));
    y += c.field(f.label, f.value, { x: b.x, y, w: b.w, h: lines * LINE }, { labelWidth, lines, bold: f.bold, size: 9.5 }) + rowGap;
  });
}

function employerPart(c: Canvas, t: SheetText): void {
  const e = t.employer;
  let y = CONTENT.y + 31;
  c.line(CONTENT.x, y, CONTENT.x + CONTENT.w, y, { color: INK, lineWidth: 0.8 });
  y += 3;

  if (e.statusNote) {
    const note: Box = { x: CONTENT.x, y, w: CONTENT.w, h: 6.5 };
    c.rect(note, { fill: ALERT_FILL, stroke: ALERT_LINE, radius: 1 });
    c.fit(e.statusNote, inset(note, 1.3, 3), { font: FONTS.bold, size: 9, minSize: 7, maxLines: 1, color: ALERT_TEXT });
    y += 8.5;
  }

  // The two parties, side by side.
  const partiesH = 34;
  const [clientBox, providerBox] = columns({ x: CONTENT.x, y, w: CONTENT.w, h: partiesH }, 2, 5);
  const clientIn = c.section(clientBox, e.client.title);
  fieldRows(c, clientIn, [
    { ...e.client.fields[0], lines: 2, bold: true },
    ...e.client.fields.slice(1),
  ], 26);
  const providerIn = c.section(providerBox, e.provider.title);
  fieldRows(c, providerIn, [{ ...e.provider.fields[0], bold: true, lines: 2 }, ...e.provider.fields.slice(1)], 33, 0.9);
  y += partiesH + 4;

  // The intervention: when (and the price) on the left, where and what on the right.
  const interventionH = 38;
  const iBox: Box = { x: CONTENT.x, y, w: CONTENT.w, h: interventionH };
  const iIn = c.section(iBox, e.intervention.title);
  const [whenBox, whereBox] = columns(iIn, [0.9, 1.1], 6);
  fieldRows(c, { ...whenBox, h: whenBox.h - 10 }, e.intervention.fields.map((f, i) => ({ ...f, bold: i < 2 })), 18);
  fieldRows(c, whereBox, [
    { ...e.intervention.address, lines: 2 },
    { ...e.intervention.service, lines: 3 },
  ], 30);
  const priceBox: Box = { x: whenBox.x, y: whenBox.y + whenBox.h - 8, w: whenBox.w, h: 8 };
  c.rect(priceBox, { fill: LIGHT, stroke: null, radius: 1 });
  c.text(e.intervention.price.label, priceBox.x + 2.5, priceBox.y + 2.6, { size: 8.5, color: MUTED });
  c.fit(e.intervention.price.value, { x: priceBox.x + 20, y: priceBox.y + 1.6, w: priceBox.w - 23, h: 5.5 }, { font: FONTS.bold, size: 12, minSize: 9, maxLines: 1, align: 'right' });
  y += interventionH + 4;

  // Observations, with ruled lines to write on.
  const obsH = CUT_Y - 8 - 30 - 4 - y;
  const obsBox: Box = { x: CONTENT.x, y, w: CONTENT.w, h: obsH };
  const obsIn = c.section(obsBox, e.observations.title);
  c.text(e.observations.hint, obsIn.x, obsIn.y, { size: 7, color: MUTED, width: obsIn.w });
  c.writingLines({ x: obsIn.x, y: obsIn.y + 1, w: obsIn.w, h: obsIn.h - 1 }, 6.5);
  y += obsH + 4;

  // Two signature spaces.
  const [sClient, sProvider] = columns({ x: CONTENT.x, y, w: CONTENT.w, h: 30 }, 2, 5);
  c.signatureBox(sClient, e.signatures[0].label, e.signatures[0].hint);
  c.signatureBox(sProvider, e.signatures[1].label, e.signatures[1].hint);
  y += 31.5;

  c.fit(e.footer.join('\n'), { x: CONTENT.x, y, w: CONTENT.w, h: CUT_Y - 2.5 - y }, { size: 6.8, minSize: 5.5, color: MUTED, multiline: true, maxLines: 2 });
}

function couponPart(c: Canvas, t: SheetText): void {
  const k = t.coupon;
  c.cutLine(CUT_Y, CONTENT.x - 4, CONTENT.x + CONTENT.w + 4, t.cutLabel);

  const top = CUT_Y + 6;
  const frame: Box = { x: CONTENT.x, y: top, w: CONTENT.w, h: A4.height - MARGIN - 5 - top };
  c.rect(frame, { radius: 1.5, stroke: INK, lineWidth: 0.8 });
  const inner = inset(frame, 4, 5);

  // Title line: coupon title, the platform, the request number large on the right.
  const [titleBox, numberBox] = columns({ ...inner, h: 12 }, [1.3, 1], 6);
  c.text(k.title.toUpperCase(), titleBox.x, titleBox.y, { font: FONTS.bold, size: 12.5, width: titleBox.w });
  c.text(`${k.hint} · ${t.company.name}`, titleBox.x, titleBox.y + 6.3, { size: 8, color: MUTED, width: titleBox.w });
  c.text(k.requestNumber.label, numberBox.x, numberBox.y + 0.5, { size: 8, color: MUTED, width: numberBox.w, align: 'right' });
  c.fit(k.requestNumber.value, { x: numberBox.x, y: numberBox.y + 4.2, w: numberBox.w, h: 7 }, { font: FONTS.bold, size: 16, minSize: 10, maxLines: 1, align: 'right' });

  const fieldsTop = inner.y + 14;
  c.line(inner.x, fieldsTop - 1.5, inner.x + inner.w, fieldsTop - 1.5, { lineWidth: 0.4 });
  fieldRows(c, { x: inner.x, y: fieldsTop, w: inner.w, h: 20 }, [
    { ...k.date, bold: true },
    { ...k.service, bold: true, lines: 1 },
    k.provider,
  ], 40, 1.2);

  const sigTop = fieldsTop + 18.5;
  const [s1, s2] = columns({ x: inner.x, y: sigTop, w: inner.w, h: inner.y + inner.h - sigTop }, 2, 5);
  c.signatureBox(s1, k.signatures[0].label, k.signatures[0].hint);
  c.signatureBox(s2, k.signatures[1].label, k.signatures[1].hint);

  c.text(t.issued, CONTENT.x, A4.height - MARGIN - 2.5, { size: 6.5, color: MUTED, width: CONTENT.w / 2 });
  c.text(t.requestNumber, CONTENT.x + CONTENT.w / 2, A4.height - MARGIN - 2.5, { size: 6.5, color: MUTED, width: CONTENT.w / 2, align: 'right' });
}

/** Draws one sheet on a new A4 page of `doc`. */
export function drawSheet(doc: PdfDoc, t: SheetText): void {
  addA4Page(doc);
  const c = new Canvas(doc);
  header(c, t);
  employerPart(c, t);
  couponPart(c, t);
}

/** One order's sheet as a PDF file. */
export function renderSheetPdf(order: SheetOrder, creationDate: Date): Promise<Buffer> {
  const t = sheetText(order, creationDate);
  const doc = createA4Document({ title: t.meta.title, subject: t.meta.subject, author: t.meta.author, creationDate });
  return toBuffer(doc, (d) => drawSheet(d, t));
}

/** The one page of a batch with no order: says so, and with which criteria. */
export function drawEmptyDay(doc: PdfDoc, title: string, lines: readonly string[]): void {
  addA4Page(doc);
  const c = new Canvas(doc);
  c.fit(title, { x: CONTENT.x, y: CONTENT.y + 20, w: CONTENT.w, h: 8 }, { font: FONTS.bold, size: 16, minSize: 11, maxLines: 1 });
  c.line(CONTENT.x, CONTENT.y + 31, CONTENT.x + CONTENT.w, CONTENT.y + 31, { color: INK, lineWidth: 0.8 });
  c.fit(lines.join('\n'), { x: CONTENT.x, y: CONTENT.y + 36, w: CONTENT.w, h: 40 }, { size: 11, minSize: 9, multiline: true });
}
