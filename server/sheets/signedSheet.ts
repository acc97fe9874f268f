/**
 * The signed coupon: a coordinator uploads the scan of the signed sheet back to its
 * order (CONTRACT.md `POST /api/orders/{id}/signed-sheet`), through the one hardened
 * upload path (server/uploads: type by content, size limit, hashed name, atomic write).
 * One transaction stores the `files` row (purpose `signed_sheet`), points the order at
 * it with the time it was recorded (`sheetFileId`, `sheetSignedAt`) and writes the audit
 * row; if it fails, the file this request wrote is removed again.
 *
 * SHEET-4 (assumed): a signed coupon proves an intervention took place, so it is
 * accepted only for an order that has a provider and has started — status `accepted`
 * or `completed`, start time reached. A new upload replaces the previous one (the old
 * file row stays, and the audit trail keeps both).
 */
import type { FilesRow } from '../data/tables';
import type { Row } from '../data/rows';
import type { ApiRecord } from '../http/resource';
import { existsSync } from 'node:fs';
import type { Ctx } from '../context';
import { AppError } from '../http/errors';
import { getOne, parseId } from '../data/getOne';
import { updateRecord } from '../data/records';
import { inTransaction } from '../data/transaction';
import { ordersSpec } from '../marketplace/specs';
import { storedPath, withStoredFile } from '../uploads/fileStore';
import type { ReceivedUpload } from '../uploads/receiveUpload';

export const SIGNED_SHEET_PURPOSE = 'signed_sheet';
const SIGNABLE = new Set(['accepted', 'completed']);

function assertSignable(order: ApiRecord, now: Date): void {
  if (!SIGNABLE.has(String(order.status))) {
    throw AppError.invalidState(
      `La commande ${order.reference} est « ${order.status} » : un coupon signé ne s’enregistre que pour une intervention acceptée ou réalisée. / A signed coupon is recorded only for an accepted or completed order.`,
      { status: order.status },
    );
  }
  if (Date.parse(String(order.startsAt)) > now.getTime()) {
    throw AppError.invalidState(
      `L’intervention ${order.reference} n’a pas encore commencé : le coupon signé s’enregistre après l’intervention. / The intervention has not started yet.`,
      { startsAt: order.startsAt },
    );
  }
}

/** Checked before the upload is stored: the order exists (404) and may take a signed coupon (409). */
export async function assertOrderTakesSignedSheet(ctx: Ctx, rawId: string): Promise<Row> {
  const order = await getOne(ctx.db, ordersSpec, rawId);
  assertSignable(order, ctx.clock.now());
  return order;
}

export async function attachSignedSheet(ctx: Ctx, uploadsDir: string, rawId: string, upload: ReceivedUpload): Promise<Row> {
  if (ctx.actor?.kind !== 'staff') throw AppError.notAuthenticated();
  const actorId = ctx.actor.id;
  const id = Number(parseId(ordersSpec, rawId));
  await assertOrderTakesSignedSheet(ctx, rawId);
  return withStoredFile(uploadsDir, upload, (file) =>
    inTransaction(ctx, async (tx) => {
      const { trx, now } = tx;
      // Checked again inside the transaction: the order may have changed since.
      const current = await getOne(trx, ordersSpec, String(id));
      assertSignable(current, now);
      const [inserted] = await trx('files')
        .insert({
          storedName: file.storedName,
          sha256: file.sha256,
          mimeType: file.mimeType,
          sizeBytes: file.sizeBytes,
          fileName: upload.fileName,
          purpose: SIGNED_SHEET_PURPOSE,
          createdBy: actorId,
          createdAt: now.toISOString(),
        })
        .returning('id');
      const fileId = Number(typeof inserted === 'object' ? (inserted as { id: number }).id : inserted);
      return updateRecord(tx, ordersSpec, String(id), { sheetFileId: fileId, sheetSignedAt: now.toISOString() }, { action: 'orders.signed-sheet' });
    }),
  );
}

export interface StoredSignedSheet {
  storedName: string;
  mimeType: string;
  fileName: string;
  sizeBytes: number;
}

/** The order's signed coupon file; 404 when the order is unknown, has none, or its file is gone. */
export async function signedSheetFile(ctx: Ctx, uploadsDir: string, rawId: string): Promise<StoredSignedSheet> {
  const order = await getOne(ctx.db, ordersSpec, rawId);
  const none = () => new AppError('not_found', `Aucun coupon signé enregistré pour la commande ${order.reference}. / No signed coupon for this order.`, 404);
  if (order.sheetFileId == null) throw none();
  const file = await ctx.db<FilesRow>('files').where({ id: Number(order.sheetFileId), purpose: SIGNED_SHEET_PURPOSE }).first();
  if (!file) throw none();
  let onDisk = false;
  try {
    onDisk = existsSync(storedPath(uploadsDir, String(file.storedName)));
  } catch {
    onDisk = false;
  }
  if (!onDisk) throw new AppError('not_found', 'Fichier introuvable sur le serveur. / File not found.', 404);
  return { storedName: String(file.storedName), mimeType: String(file.mimeType), fileName: String(file.fileName), sizeBytes: Number(file.sizeBytes) };
}
