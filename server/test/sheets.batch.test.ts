/**
 * A day's sheets are streamed: page after page to the response, waiting while
 * the client is slow, stopping when it goes away — so memory holds about one page,
 * whatever the number of orders.
 */
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../pdf/readBack';
import { writeSheetBatch } from '../sheets/batch';
import type { SheetOrder } from '../sheets/sheetText';

const order = (n: number): SheetOrder => ({
  id: n,
  reference: `R${String(n).padStart(7, '0')}`,
  status: 'accepted',
  startsAt: '2026-11-21T09:30:00.000Z',
  endsAt: '2026-11-21T10:30:00.000Z',
  priceCents: 4500,
  address: `${n} rue de la Roquette`,
  postcode: '75011',
  city: 'Paris',
  immediateAdvance: false,
  service: { code: 'haircut', name: 'Coupe et brushing à domicile', vertical: 'wellness', durationMin: 60 },
  client: { reference: `C${String(n).padStart(6, '0')}`, firstName: 'Élodie', lastName: 'Lefèvre', deleted: false },
  partner: { reference: 'P-000011', firstName: 'Chloé', lastName: 'Œuvray', siren: '732829320' },
});

const options = {
  creationDate: new Date('2026-11-20T10:00:00Z'),
  title: 'Fiches',
  subject: 'Test',
  emptyNotice: { title: 'Aucune fiche', lines: ['Rien à imprimer.'] },
};

/** The orders, recording how many were taken, with a pause now and then as a database page would. */
function source(total: number, log: string[]) {
  return (async function* () {
    for (let n = 1; n <= total; n++) {
      if (n % 10 === 1) await new Promise((r) => setTimeout(r, 1));
      log.push(`order ${n}`);
      yield order(n);
    }
  })();
}

describe('the day’s batch stream', () => {
  it('when the client reads slowly, then pages leave one after another and little is ever buffered', async () => {
    const log: string[] = [];
    const chunks: Buffer[] = [];
    let maxBuffered = 0;
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        log.push('write');
        maxBuffered = Math.max(maxBuffered, this.writableLength);
        setTimeout(done, 0); // a slow network
      },
    });
    const count = await writeSheetBatch(out, source(60, log), options);
    expect(count).toBe(60);
    await finished(out); // the slow client still has the last bytes to take

    // Bytes went out long before the last order was read: a stream, not a buffered file.
    expect(log.indexOf('write')).toBeLessThan(log.indexOf('order 5'));
    // Backpressure: never much more than the socket's buffer plus one page (a page is ~4 KB).
    expect(maxBuffered).toBeLessThan(64 * 1024);

    const pdf = await readPdf(Buffer.concat(chunks));
    expect(pdf.pages).toHaveLength(60);
    expect(pdf.pages[59].text).toContain('R0000060');
  });

  it('when the client goes away, then no more sheets are drawn', async () => {
    const log: string[] = [];
    let received = 0;
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        received += chunk.length;
        done();
        if (received > 20 * 1024) this.destroy();
      },
    });
    out.on('error', () => {});
    await writeSheetBatch(out, source(500, log), options);
    const taken = log.filter((l) => l.startsWith('order')).length;
    expect(taken).toBeGreaterThan(0);
    expect(taken).toBeLessThan(50);
  });

  it('when no order matches, then the PDF is one page saying so', async () => {
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk);
        done();
      },
    });
    expect(await writeSheetBatch(out, source(0, []), options)).toBe(0);
    const pdf = await readPdf(Buffer.concat(chunks));
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.pages[0].text).toContain('Rien à imprimer.');
  });
});
