/** A case's timeline: its events as written, and as the API shows them. */
import { insertId } from '../data/insertId';
import { iso, num, numOrNull, toDate, type Row } from '../data/rows';
import { staffId, type Tx } from '../data/transaction';

/** A timeline event as written: an imported e-mail's (with its `sender`) is credited to that sender, never to the staff who imported it. */
export interface NewEvent {
  type: string;
  body: string | null;
  fileId?: number | null;
  refundCents?: number | null;
  at?: Date;
  /** Who wrote an imported message, `Name <address>`: the event has no staff author. */
  sender?: string | null;
  /** The imported e-mail's Message-ID (its attachments' evidence events carry it too). */
  messageId?: string | null;
}

export async function addEventRow(tx: Tx, caseId: number, e: NewEvent): Promise<number> {
  const sender = e.sender ?? null;
  return insertId(tx.trx, 'caseEvents', {
    caseId,
    at: iso(e.at ?? tx.now),
    actorId: sender === null ? staffId(tx) : null,
    type: e.type,
    body: e.body,
    fileId: e.fileId ?? null,
    refundCents: e.refundCents ?? null,
    sender,
    messageId: e.messageId ?? null,
  });
}

export const EVENT_COLUMNS = ['e.id', 'e.caseId', 'e.at', 'e.actorId', 'u.fullName as actorName', 'e.sender', 'e.messageId', 'e.type', 'e.body', 'e.fileId', 'f.fileName', 'f.mimeType', 'f.sizeBytes', 'e.refundCents'];

export function eventShape(r: Row): Row {
  return {
    id: num(r.id),
    caseId: num(r.caseId),
    at: toDate(r.at).toISOString(),
    actorId: numOrNull(r.actorId),
    actorName: (r.actorName as string | null) ?? null,
    sender: (r.sender as string | null) ?? null,
    messageId: (r.messageId as string | null) ?? null,
    type: r.type,
    body: (r.body as string | null) ?? null,
    fileId: numOrNull(r.fileId),
    fileName: (r.fileName as string | null) ?? null,
    mimeType: (r.mimeType as string | null) ?? null,
    sizeBytes: numOrNull(r.sizeBytes),
    refundCents: numOrNull(r.refundCents),
  };
}

export async function eventById(tx: Tx, eventId: number): Promise<Row> {
  const row = (await tx.trx('caseEvents as e')
    .leftJoin('users as u', 'u.id', 'e.actorId')
    .leftJoin('files as f', 'f.id', 'e.fileId')
    .select(EVENT_COLUMNS)
    .where('e.id', eventId)
    .first()) as Row;
  return eventShape(row);
}
