/**
 * Intervention sheets' HTTP routes (CONTRACT.md "Actions → Orders"; coordinator and
 * admin, rule SHEET-1/SHEET-2):
 * - `GET /api/orders/{id}/sheet.pdf` — one order's sheet, whatever its status (pending
 *   requests, upcoming appointments and the history all reach it);
 * - `GET /api/sheets.pdf?date=YYYY-MM-DD[&partnerId=…][&city=…][&serviceCode=…]` — the
 *   accepted orders of a Paris day, one sheet per page, streamed;
 * - `POST /api/orders/{id}/signed-sheet` (multipart `file`) and `GET` of the same path —
 *   the signed coupon's scan.
 * Thin: parse, call one operation, shape the answer.
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import { isIsoDate } from '../../shared/calendar/paris';
import type { Ctx, RouteDeps } from '../context';
import type { ApiRouter } from '../http/apiRouter';
import { fromZod } from '../http/errors';
import type { QueryParams } from '../http/queryParams';
import { receiveUpload } from '../uploads/receiveUpload';
import { sendStoredFile } from '../uploads/sendFile';
import { writeSheetBatch } from './batch';
import { dayOrders, loadSheetOrder, type DayFilter } from './repository';
import { renderSheetPdf } from './renderSheet';
import { dayInWords } from './sheetText';
import { attachSignedSheet, signedSheetFile } from './signedSheet';
import { pdfAnswer, storedFileAnswer } from '../http/answers';
import { signedOrderAnswer } from './answers';

export const daySheetsQuery = z.strictObject({
  date: z.string().refine(isIsoDate, 'date AAAA-MM-JJ attendue (calendrier de Paris) / YYYY-MM-DD date expected (Paris calendar)'),
  partnerId: z
    .string()
    .regex(/^\d{1,12}$/, 'identifiant de partenaire attendu')
    .transform(Number)
    .optional(),
  city: z.string().trim().min(1).max(100).optional(),
  serviceCode: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, 'code de prestation attendu')
    .optional(),
});

export function parseDayFilter(query: QueryParams): DayFilter {
  const raw = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
  const parsed = daySheetsQuery.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error, 'la demande de fiches / the sheets request');
  return parsed.data;
}

/** The creation date written in the PDFs: the clock's time, to the second (fixed under a fixed clock). */
function creationDate(deps: RouteDeps): Date {
  const now = deps.clock.now();
  return new Date(Math.floor(now.getTime() / 1000) * 1000);
}

function pdfHeaders(res: Response, fileName: string): void {
  res.set({
    'Content-Type': 'application/pdf',
    'Content-Disposition': `inline; filename="${fileName}"`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  });
}

export function registerSheetRoutes(api: ApiRouter, deps: RouteDeps): void {
  const { db, clock, config } = deps;
  const ctx = (req: Request): Ctx => ({ db, clock, actor: req.actor });

  api.add(
    {
      method: 'get',
      path: '/orders/:id/sheet.pdf',
      access: { kind: 'permission', resource: 'orders', action: 'sheet' },
      summary: 'One order’s intervention sheet (SHEET-1): employer part and detachable provider coupon, A4 PDF',
      tag: 'orders',
      status: 200,
      answer: pdfAnswer,
    },
    async (req, res) => {
      const order = await loadSheetOrder(db, String(req.params.id));
      const pdf = await renderSheetPdf(order, creationDate(deps));
      pdfHeaders(res, `fiche-${order.reference.replace(/[^A-Za-z0-9_-]/g, '_')}.pdf`);
      res.set('Content-Length', String(pdf.length)).end(pdf);
    },
  );

  api.add(
    {
      method: 'get',
      path: '/sheets.pdf',
      access: { kind: 'permission', resource: 'orders', action: 'sheets' },
      summary: 'A Paris day’s sheets as one PDF, one page per accepted order (query: date=YYYY-MM-DD, optional partnerId, city, serviceCode); streamed',
      tag: 'orders',
      query: daySheetsQuery,
      status: 200,
      answer: pdfAnswer,
    },
    async (req, res) => {
      const filter = parseDayFilter(req.query);
      const when = creationDate(deps);
      const criteria = [
        filter.partnerId !== undefined ? `partenaire n° ${filter.partnerId}` : null,
        filter.city !== undefined ? `ville « ${filter.city} »` : null,
        filter.serviceCode !== undefined ? `prestation « ${filter.serviceCode} »` : null,
      ].filter((s): s is string => s !== null);
      pdfHeaders(res, `fiches-${filter.date}.pdf`);
      res.status(200);
      try {
        await writeSheetBatch(res, dayOrders(db, filter), {
          creationDate: when,
          title: `Fiches d’intervention du ${dayInWords(filter.date)}`,
          subject: `Interventions acceptées du ${filter.date}${criteria.length ? ` (${criteria.join(', ')})` : ''}`,
          emptyNotice: {
            title: `Fiches d’intervention du ${dayInWords(filter.date)}`,
            lines: [
              'Aucune intervention acceptée ne commence ce jour-là avec ces critères : il n’y a pas de fiche à imprimer.',
              criteria.length ? `Critères : ${criteria.join(', ')}.` : 'Critères : toutes les interventions du jour.',
            ],
          },
        });
      } catch (err) {
        // Headers (and maybe pages) are already out: cut the connection so that the
        // download fails visibly instead of ending as a truncated "complete" file.
        if (res.headersSent) res.destroy();
        else for (const header of ['Content-Type', 'Content-Disposition']) res.removeHeader(header);
        throw err;
      }
    },
  );

  api.add(
    {
      method: 'post',
      path: '/orders/:id/signed-sheet',
      access: { kind: 'permission', resource: 'orders', action: 'signed-sheet' },
      summary: 'Upload the signed coupon’s scan (multipart `file`: PDF/JPEG/PNG by content, ≤ MAX_UPLOAD_MB) → the order, now signed',
      tag: 'orders',
      multipart: true,
      status: 200,
      answer: signedOrderAnswer,
    },
    async (req, res) => {
      // The body is read (into memory, sniffed) first; nothing is stored until every check passed.
      const upload = await receiveUpload(req, res, { maxMb: config.maxUploadMb });
      res.status(200).json(await attachSignedSheet(ctx(req), config.uploadsDir, String(req.params.id), upload));
    },
  );

  api.add(
    {
      method: 'get',
      path: '/orders/:id/signed-sheet',
      access: { kind: 'permission', resource: 'orders', action: 'signed-sheet' },
      summary: 'The signed coupon’s scan (inline, nosniff, sandboxed); 404 while none was uploaded',
      tag: 'orders',
      status: 200,
      answer: storedFileAnswer,
    },
    async (req, res) => {
      const file = await signedSheetFile(ctx(req), config.uploadsDir, String(req.params.id));
      await sendStoredFile(res, config.uploadsDir, file, 'inline');
    },
  );
}

