/**
 * Small, real files for the demo documents and the tests: a one-page A4 PDF with a few
 * lines of text (standard Helvetica, WinAnsi) and a PNG "scan" (a flat card with coloured
 * bands). Deterministic: the same text gives the same bytes (so the same content hash).
 */
import { deflateSync } from 'node:zlib';

function pdfString(text: string): string {
  // WinAnsi covers French accents; anything else becomes '?'.
  const latin1 = [...text].map((ch) => (ch.charCodeAt(0) < 256 ? ch : '?')).join('');
  return `(${latin1.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

/** A valid one-page A4 PDF showing `lines` (the first one larger). */
export function demoPdf(lines: readonly string[]): Buffer {
  const content = [
    'BT',
    '/F1 20 Tf',
    '60 770 Td',
    `${pdfString(lines[0] ?? '')} Tj`,
    '/F1 12 Tf',
    ...lines.slice(1).flatMap((l) => ['0 -22 Td', `${pdfString(l)} Tj`]),
    'ET',
    '0.2 0.4 0.7 RG 2 w 50 740 m 545 740 l S',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${obj}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/**
 * The images already made, by colours and size. The colours repeat every 200 seeds, so the
 * large demo (~100,000 scans) draws and compresses 200 images instead of every one (the
 * drawing and deflate took ~110 s there); each caller gets its own copy of the bytes.
 */
const pngs = new Map<string, Buffer>();

/** A valid RGB PNG (an ID-card-like flat image); `seed` varies the colours so files differ. */
export function demoPng(seed: number, width = 320, height = 200): Buffer {
  const hue = [(seed * 53) % 200, (seed * 97) % 200, (seed * 151) % 200];
  const key = `${hue.join(',')}:${width}x${height}`;
  let png = pngs.get(key);
  if (!png) {
    png = drawPng(hue, width, height);
    pngs.set(key, png);
  }
  return Buffer.from(png);
}

function drawPng(hue: readonly number[], width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const band = y < 36 ? 0 : x < 100 && y > 56 && y < 170 ? 1 : 2;
      const rgb = band === 0 ? [30 + hue[0] / 4, 60 + hue[1] / 4, 140] : band === 1 ? [180, 190, 200] : [235, 238 - hue[2] / 20, 245];
      raw.set(rgb.map((v) => Math.round(v)), row + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
