/**
 * A day's sheets as one PDF, streamed page after page: each order is read (a page of
 * rows at a time), drawn, and its bytes handed to the destination before the next one;
 * between pages the writer waits while the destination is full (backpressure), and
 * stops when it is closed (the user cancelled the download). Memory therefore holds one
 * page of rows and one page of PDF, whatever the number of orders.
 */
import type { Writable } from 'node:stream';
import { createA4Document, type PdfDoc } from '../pdf/document';
import { drawEmptyDay, drawSheet } from './renderSheet';
import { sheetText, type SheetOrder } from './sheetText';

export interface BatchOptions {
  creationDate: Date;
  title: string;
  subject: string;
  /** What the single page of an empty batch says (a PDF needs at least one page). */
  emptyNotice: { title: string; lines: string[] };
}

function waitForDrain(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/** Writes the sheets of `orders` into `out` and ends it; resolves to the number of sheets. */
export async function writeSheetBatch(out: Writable, orders: AsyncIterable<SheetOrder>, options: BatchOptions): Promise<number> {
  const doc: PdfDoc = createA4Document({ title: options.title, subject: options.subject, author: 'Wellness à domicile SAS / Care à domicile SAS', creationDate: options.creationDate });
  let closed = false;
  const onClose = () => {
    closed = true;
  };
  out.on('close', onClose);
  doc.on('data', (chunk: Uint8Array) => {
    if (!closed) out.write(chunk);
  });
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  let count = 0;
  try {
    for await (const order of orders) {
      if (closed) break;
      drawSheet(doc, sheetText(order, options.creationDate));
      count++;
      if (out.writableNeedDrain && !closed) await waitForDrain(out);
      // Let the event loop breathe between pages: other requests are served meanwhile,
      // and the bytes written so far actually leave for the client.
      else if (count % 4 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (count === 0) drawEmptyDay(doc, options.emptyNotice.title, options.emptyNotice.lines);
    doc.end();
    await ended;
  } finally {
    out.off('close', onClose);
  }
  if (!closed) out.end();
  return count;
}
