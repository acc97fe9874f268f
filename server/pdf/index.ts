/**
 * The console's PDF toolkit (A4, millimetres, standard fonts): every PDF — intervention
 * sheets, the mediation referral file — is laid out with these, never with a copy.
 */
export { A4, box, columns, inset, mm, rows, toMm, type Box } from './units';
export { addA4Page, createA4Document, documentOptions, FONTS, toBuffer, type FontName, type PdfDoc, type PdfMeta } from './document';
export { Canvas, FAINT, INK, LIGHT, MUTED, PAPER, RULE, type Align, type Color, type FitOptions, type Fitted, type TextStyle } from './canvas';
export { formatSiren, isPdfSafe, pdfSafe, type SafeTextOptions } from './safeText';
export { ELLIPSIS, ellipsize, wrapText, type Measure, type Wrapped } from './wrap';
export { textWidth } from './metrics';
