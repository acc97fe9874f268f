/**
 * Mediation cases (issue 6; MED-1..8, CONTRACT.md "Actions → Cases"): create, edit,
 * assign, the state machine's transitions, the MED-6 extension and the timeline's
 * events. Each operation is ONE transaction with its audit row; status changes are
 * conditional updates on the status and version read, so that of two mediators acting
 * at once one succeeds and the other gets 409 `conflict` naming who acted first.
 * The deadlines are never computed here: shared/mediation/deadlines.ts.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CASE_CATEGORIES, CASE_OUTCOMES, type CaseOutcome, type CaseStatus } from '../../shared/domain';
import { caseDeadlineColumns, MEDIATION_DEADLINES, referralVerdict } from '../../shared/mediation/deadlines';
import type { Ctx } from '../context';
import { audit } from '../data/audit';
import { inTransaction, lockable, type Tx } from '../data/transaction';
import { insertId } from '../data/insertId';
import { iso, num, numOrNull, toBool, toDate, type Row } from '../data/rows';
import { lastActor } from '../audit/lastActor';
import { AppError } from '../http/errors';
import { maskFreeText } from '../../shared/permissions';
import { formatEuros } from '../../shared/euros';
import { getOne, parseId } from '../data/getOne';
import { casesSpec } from '../marketplace/specs';

const positiveId = z.number().int().positive();
const instantInput = z.string().datetime({ offset: true, message: 'instant ISO 8601 attendu' });
const note = z.string().trim().max(4000).optional();

// ---------------------------------------------------------------------------------------
// Schemas (routes parse with these; strict: unknown fields are a 400)

export const createCaseSchema = z
  .object({
    category: z.enum(CASE_CATEGORIES),
    orderId: positiveId.nullable().optional(),
    clientId: positiveId.nullable().optional(),
    partnerId: positiveId.nullable().optional(),
    writtenComplaintAt: instantInput.nullable().optional(),
    description: z.string().trim().max(20_000).nullable().optional(),
    assignedTo: positiveId.nullable().optional(),
  })
  .strict();
export type CreateCaseInput = z.infer<typeof createCaseSchema>;

/** PUT: the editable fields (the others of the record are ignored, unknown ones refused). */
export const updateCaseSchema = z.object({
  category: z.enum(CASE_CATEGORIES),
  description: z.string().trim().max(20_000).nullable(),
  assignedTo: positiveId.nullable(),
  writtenComplaintAt: instantInput.nullable(),
  mediatorReceivedAt: instantInput.nullable(),
  mediatorNotifiedAt: instantInput.nullable(),
});
export type UpdateCaseInput = Partial<z.infer<typeof updateCaseSchema>>;

export const noteBodySchema = z.object({ note }).strict();
export const referBodySchema = z.object({ mediatorReceivedAt: instantInput.optional(), mediatorNotifiedAt: instantInput.optional(), note }).strict();
export const closeBodySchema = z.object({ outcome: z.enum(CASE_OUTCOMES), refundCents: z.number().int().positive().optional(), note }).strict();
export const assignBodySchema = z.object({ assignedTo: positiveId.nullable().optional() }).strict();
export const extendBodySchema = z
  .object({
    days: z.number().int().min(1).max(MEDIATION_DEADLINES.maxExtensionDays),
    reason: z.string().trim().min(3, 'Le motif de la prolongation est obligatoire (MED-6).').max(4000),
  })
  .strict();

/** The event types a person writes; the others come from actions (evidence, status_change, deadline_extended). */
export const WRITABLE_EVENT_TYPES = ['note', 'message_in', 'message_out', 'proposal', 'decision'] as const;
export const addEventSchema = z
  .object({
    type: z.enum(WRITABLE_EVENT_TYPES, { message: `type attendu : ${WRITABLE_EVENT_TYPES.join(', ')} (les autres viennent des actions)` }),
    body: z.string().trim().min(1, 'Le texte est obligatoire.').max(20_000),
    refundCents: z.number().int().positive().optional(),
  })
  .strict();
export type AddEventInput = z.infer<typeof addEventSchema>;

// ---------------------------------------------------------------------------------------
// The state machine (CONTRACT.md): open → amicable | resolved | referred | closed;
// amicable → resolved | referred | closed; resolved → closed; referred → closed.

export type CaseAction = 'amicable' | 'resolve' | 'refer' | 'close';

export const CASE_TRANSITIONS: Record<CaseAction, { from: readonly CaseStatus[]; to: CaseStatus }> = {
  amicable: { from: ['open'], to: 'amicable' },
  resolve: { from: ['open', 'amicable'], to: 'resolved' },
  refer: { from: ['open', 'amicable'], to: 'referred' },
  close: { from: ['open', 'amicable', 'resolved', 'referred'], to: 'closed' },
};

/** Every status but `closed` (final). */
export const OPEN_STATUSES: readonly CaseStatus[] = ['open', 'amicable', 'resolved', 'referred'];

export const STATUS_FR: Record<CaseStatus, string> = {
  open: 'ouvert',
  amicable: 'règlement amiable',
  resolved: 'résolu',
  referred: 'transmis au médiateur',
  closed: 'clos',
};

const OUTCOME_FR: Record<CaseOutcome, string> = {
  agreement: 'accord',
  no_agreement: 'pas d’accord',
  withdrawn: 'désistement',
};

// ---------------------------------------------------------------------------------------
// Helpers

function staffId(tx: Tx): number | null {
  return tx.actor?.kind === 'staff' ? tx.actor.id : null;
}

function caseIdOf(rawId: string): number {
  return Number(parseId(casesSpec, rawId));
}

async function loadCase(tx: Tx, id: number, rawId = String(id)): Promise<Row> {
  const row = (await lockable(tx, tx.trx('cases').where('id', id)).first()) as Row | undefined;
  if (!row) throw AppError.notFound('cases', rawId);
  return row;
}

export const shape = (tx: Tx, id: number) => getOne(tx.trx, casesSpec, String(id));

export async function conflict(tx: Tx, id: number, status: unknown, actions?: readonly string[]): Promise<AppError> {
  const who = await lastActor(tx.trx, 'cases', id, actions);
  return AppError.conflict(
    `${who.name} a agi sur ce dossier avant vous (statut désormais : ${STATUS_FR[status as CaseStatus] ?? String(status)}). Rechargez la page. / Someone acted first.`,
    { actedBy: who.actorId, actedByName: who.name, actedAt: who.at, status },
  );
}

/** The audit actions that change a case's status (closing as a duplicate and attaching a message close it too). */
const TRANSITION_ACTIONS = ['cases.amicable', 'cases.resolve', 'cases.refer', 'cases.close', 'cases.closeDuplicate', 'cases.attach'];

/** The status the case had before its last transition (the audit trail), or null. */
async function previousStatus(tx: Tx, id: number): Promise<CaseStatus | null> {
  const row = (await tx.trx('auditLog').select('before').where({ resource: 'cases', resourceId: String(id) }).whereIn('action', TRANSITION_ACTIONS).orderBy('id', 'desc').first()) as Row | undefined;
  if (!row?.before) return null;
  try {
    const before = (typeof row.before === 'string' ? JSON.parse(row.before) : row.before) as { status?: CaseStatus };
    return before.status ?? null;
  } catch {
    return null;
  }
}

/**
 * The 409 for an action the case's status no longer allows: `conflict` naming who acted
 * first when the case was in a status that allowed it until someone moved it (two people
 * deciding at once, or a stale page), else `invalid_state`.
 */
export async function refusal(tx: Tx, id: number, status: CaseStatus, allowedFrom: readonly CaseStatus[], message: string, details: Record<string, unknown> = {}): Promise<AppError> {
  const prev = await previousStatus(tx, id);
  if (prev !== null && prev !== status && allowedFrom.includes(prev)) return conflict(tx, id, status, TRANSITION_ACTIONS);
  return AppError.invalidState(message, { status, allowedFrom, ...details });
}

function assertNotFuture(tx: Tx, field: string, value: string | null | undefined): void {
  if (value && Date.parse(value) > tx.now.getTime()) {
    throw AppError.validation(`La date « ${field} » est dans le futur. / ${field} is in the future.`, { fields: { [field]: 'future' } });
  }
}

/** An active mediator or admin account (422 otherwise). */
async function assertAssignable(tx: Tx, userId: number): Promise<void> {
  const user = (await tx.trx('users').select('id', 'role', 'active').where('id', userId).first()) as Row | undefined;
  if (!user || !toBool(user.active) || !['mediator', 'admin'].includes(String(user.role))) {
    throw AppError.validation(`L’utilisateur ${userId} n’est pas un médiateur ou administrateur actif. / Cases are assigned to active mediators or admins.`, {
      fields: { assignedTo: 'not_a_mediator' },
    });
  }
}

/** The deadline columns for a case row after `changes` (shared/mediation/deadlines.ts). */
function withDeadlines(before: Row, changes: Row): Row {
  const merged = { ...before, ...changes };
  return {
    ...changes,
    ...caseDeadlineColumns({
      status: String(merged.status),
      writtenComplaintAt: (merged.writtenComplaintAt as string | Date | null) ?? null,
      answeredAt: (merged.answeredAt as string | Date | null) ?? null,
      mediatorReceivedAt: (merged.mediatorReceivedAt as string | Date | null) ?? null,
      mediatorNotifiedAt: (merged.mediatorNotifiedAt as string | Date | null) ?? null,
      outcomeExtensionDays: num(merged.outcomeExtensionDays ?? 0),
    }),
  };
}

/**
 * Writes `changes` to the case if its status and version are still those read (else 409
 * conflict naming who acted first), with the deadlines recomputed and the audit row.
 */
export async function writeCase(tx: Tx, before: Row, changes: Row, action: string): Promise<Row> {
  const id = num(before.id);
  const beforeShape = await shape(tx, id);
  const columns = withDeadlines(before, { ...changes, updatedAt: iso(tx.now), version: num(before.version ?? 1) + 1 });
  if ('description' in columns || 'reference' in columns) {
    columns.searchText = casesSpec.searchOf!({ ...before, ...columns });
  }
  const n = await tx.trx('cases').where({ id, status: before.status, version: before.version }).update(columns);
  if (n !== 1) {
    const now = (await tx.trx('cases').select('status').where('id', id).first()) as Row | undefined;
    throw await conflict(tx, id, now?.status);
  }
  const after = await shape(tx, id);
  await audit(tx, action, 'cases', id, beforeShape, after);
  return after;
}

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

/** What may still be refunded on the order: its price less the refunds already recorded. */
async function refundableCents(tx: Tx, orderId: number): Promise<{ priceCents: number; refundedCents: number; remaining: number; reference: string }> {
  const order = (await tx.trx('orders').select('priceCents', 'reference').where('id', orderId).first()) as Row | undefined;
  if (!order) throw AppError.validation(`Commande ${orderId} introuvable. / Unknown order.`, { fields: { orderId: 'unknown' } });
  const sum = (await tx.trx('payments').where({ orderId, kind: 'refund' }).sum({ total: 'amountCents' }).first()) as Row | undefined;
  const refundedCents = num(sum?.total ?? 0) || 0;
  const priceCents = num(order.priceCents);
  return { priceCents, refundedCents, remaining: Math.max(0, priceCents - refundedCents), reference: String(order.reference) };
}

async function assertRefundable(tx: Tx, c: Row, refundCents: number): Promise<void> {
  if (c.orderId === null || c.orderId === undefined) {
    throw AppError.validation('Un remboursement s’impute sur une commande : ce dossier n’en a pas. / A refund needs the case’s order.', { fields: { refundCents: 'no_order' } });
  }
  const money = await refundableCents(tx, num(c.orderId));
  if (refundCents > money.remaining) {
    throw AppError.validation(
      `Remboursement de ${formatEuros(refundCents)} impossible : la commande ${money.reference} coûte ${formatEuros(money.priceCents)}, dont ${formatEuros(money.refundedCents)} déjà remboursés — au plus ${formatEuros(money.remaining)}. / The refund exceeds what the order cost.`,
      { fields: { refundCents: 'too_much' }, maxRefundCents: money.remaining, priceCents: money.priceCents, refundedCents: money.refundedCents },
    );
  }
}

// ---------------------------------------------------------------------------------------
// Operations

export async function createCase(ctx: Ctx, input: CreateCaseInput): Promise<Row> {
  return inTransaction(ctx, (tx) => createCaseIn(tx, input));
}

/**
 * Creates a case inside the caller's transaction (the `.eml` intake adds its events in the
 * same one, and marks the case "à rattacher" with `suggestedCaseId`).
 */
export async function createCaseIn(tx: Tx, input: CreateCaseInput, links: { suggestedCaseId?: number | null } = {}): Promise<Row> {
  {
    assertNotFuture(tx, 'writtenComplaintAt', input.writtenComplaintAt);
    let clientId = input.clientId ?? null;
    let partnerId = input.partnerId ?? null;
    const orderId = input.orderId ?? null;
    if (orderId !== null) {
      const order = (await tx.trx('orders').select('id', 'clientId', 'partnerId').where('id', orderId).first()) as Row | undefined;
      if (!order) throw AppError.validation(`Commande ${orderId} introuvable. / Unknown order.`, { fields: { orderId: 'unknown' } });
      const oc = numOrNull(order.clientId);
      const op = numOrNull(order.partnerId);
      if (clientId !== null && clientId !== oc) throw AppError.validation('Ce client n’est pas celui de la commande. / The client is not the order’s.', { fields: { clientId: 'not_the_order_s' } });
      if (partnerId !== null && partnerId !== op) throw AppError.validation('Ce partenaire n’est pas celui de la commande. / The partner is not the order’s.', { fields: { partnerId: 'not_the_order_s' } });
      clientId = oc;
      partnerId = op;
    } else {
      if (clientId !== null && !(await tx.trx('clients').select('id').where('id', clientId).first())) {
        throw AppError.validation(`Client ${clientId} introuvable. / Unknown client.`, { fields: { clientId: 'unknown' } });
      }
      if (partnerId !== null && !(await tx.trx('partners').select('id').where('id', partnerId).first())) {
        throw AppError.validation(`Partenaire ${partnerId} introuvable. / Unknown partner.`, { fields: { partnerId: 'unknown' } });
      }
    }
    const assignedTo = input.assignedTo === undefined ? staffId(tx) : input.assignedTo;
    if (assignedTo !== null && input.assignedTo !== undefined) await assertAssignable(tx, assignedTo);
    const writtenComplaintAt = input.writtenComplaintAt ? new Date(input.writtenComplaintAt).toISOString() : null;
    const base: Row = {
      reference: `tmp-${randomBytes(6).toString('hex')}`,
      orderId,
      clientId,
      partnerId,
      category: input.category,
      status: 'open',
      description: input.description ?? null,
      writtenComplaintAt,
      answeredAt: null,
      referredAt: null,
      mediatorReceivedAt: null,
      mediatorNotifiedAt: null,
      outcomeExtensionDays: 0,
      outcome: null,
      refundCents: null,
      // MED-4: damage on a session booked on the platform goes to the insurer (AXA).
      insuranceClaim: input.category === 'damage' && orderId !== null,
      assignedTo,
      suggestedCaseId: links.suggestedCaseId ?? null,
      duplicateOfId: null,
      createdAt: iso(tx.now),
      updatedAt: iso(tx.now),
      version: 1,
      searchText: '',
    };
    const id = await insertId(tx.trx, 'cases', withDeadlines(base, base));
    const reference = `M${String(id).padStart(6, '0')}`;
    await tx.trx('cases').where('id', id).update({ reference, searchText: casesSpec.searchOf!({ reference, description: base.description }) });
    await addEventRow(tx, id, { type: 'status_change', body: `Dossier ${reference} ouvert${writtenComplaintAt ? '' : ' (pas encore de réclamation écrite)'}.` });
    const after = await shape(tx, id);
    await audit(tx, 'cases.create', 'cases', id, null, after);
    return after;
  }
}

function sameInstant(a: unknown, b: string | null | undefined): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  return toDate(a).getTime() === Date.parse(b);
}

/** PUT /api/cases/{id}: only the fields that actually change are checked and written. */
export async function updateCase(ctx: Ctx, rawId: string, input: UpdateCaseInput): Promise<Row> {
  const id = caseIdOf(rawId);
  return inTransaction(ctx, async (tx) => {
    const before = await loadCase(tx, id, rawId);
    const status = before.status as CaseStatus;
    const changes: Row = {};
    if (input.category !== undefined && input.category !== before.category) {
      changes.category = input.category;
      changes.insuranceClaim = input.category === 'damage' && before.orderId !== null && before.orderId !== undefined;
    }
    if (input.description !== undefined && (input.description ?? null) !== (before.description ?? null)) changes.description = input.description;
    if (input.assignedTo !== undefined && (input.assignedTo ?? null) !== numOrNull(before.assignedTo)) {
      if (input.assignedTo !== null) await assertAssignable(tx, input.assignedTo);
      changes.assignedTo = input.assignedTo;
    }
    if (input.writtenComplaintAt !== undefined && !sameInstant(before.writtenComplaintAt, input.writtenComplaintAt)) {
      if (status !== 'open' && status !== 'amicable') {
        throw AppError.invalidState('La date de la réclamation écrite ne se modifie plus après la saisine ou la clôture. / The written complaint date is fixed once the case is referred, resolved or closed.', { status, field: 'writtenComplaintAt' });
      }
      assertNotFuture(tx, 'writtenComplaintAt', input.writtenComplaintAt);
      changes.writtenComplaintAt = input.writtenComplaintAt ? new Date(input.writtenComplaintAt).toISOString() : null;
      // MED-7: a case already in amicable settlement has answered the complaint — the
      // platform engaged the parties before the complaint's date was recorded.
      if (changes.writtenComplaintAt && status === 'amicable' && (before.answeredAt === null || before.answeredAt === undefined)) changes.answeredAt = iso(tx.now);
    }
    for (const field of ['mediatorReceivedAt', 'mediatorNotifiedAt'] as const) {
      const value = input[field];
      if (value === undefined || sameInstant(before[field], value)) continue;
      if (status !== 'referred') {
        throw AppError.invalidState(`« ${field} » ne se renseigne que pour un dossier transmis au médiateur (statut : ${STATUS_FR[status]}). / Only a referred case has mediator dates.`, { status, field });
      }
      assertNotFuture(tx, field, value);
      changes[field] = value ? new Date(value).toISOString() : null;
    }
    checkMediatorDates(before, changes);
    if (Object.keys(changes).length && status === 'closed') {
      throw await refusal(tx, id, status, OPEN_STATUSES, 'Ce dossier est clos : il ne se modifie plus. / A closed case is final.');
    }
    if (!Object.keys(changes).length) return shape(tx, id);
    return writeCase(tx, before, changes, 'cases.update');
  });
}

/** The mediator's dates: the notification of the parties follows the reception of the complete file (MED-6). */
function checkMediatorDates(before: Row, changes: Row): void {
  const merged = { ...before, ...changes };
  const t = (v: unknown) => (v === null || v === undefined ? null : toDate(v).getTime());
  const received = t(merged.mediatorReceivedAt);
  const notified = t(merged.mediatorNotifiedAt);
  if (received !== null && notified !== null && notified < received) {
    throw AppError.validation('La notification aux parties suit la réception du dossier complet (MED-6). / The notification follows the reception.', { fields: { mediatorNotifiedAt: 'before_reception' } });
  }
  if (received === null && notified !== null) {
    throw AppError.validation('Renseignez d’abord la réception du dossier par le médiateur. / Record the reception first.', { fields: { mediatorReceivedAt: 'required' } });
  }
}

export type TransitionBody = { note?: string; mediatorReceivedAt?: string; mediatorNotifiedAt?: string; outcome?: CaseOutcome; refundCents?: number };

export async function transitionCase(ctx: Ctx, action: CaseAction, rawId: string, body: TransitionBody): Promise<Row> {
  const t = CASE_TRANSITIONS[action];
  const id = caseIdOf(rawId);
  return inTransaction(ctx, async (tx) => {
    const before = await loadCase(tx, id, rawId);
    const status = before.status as CaseStatus;
    if (!t.from.includes(status)) {
      // Already where the action leads: someone acted first.
      if (status === t.to) throw await conflict(tx, id, status, TRANSITION_ACTIONS);
      throw await refusal(
        tx,
        id,
        status,
        t.from,
        `Action « ${action} » impossible : le dossier est « ${STATUS_FR[status]} »${status === 'closed' ? ' (définitif)' : ''}. / The case’s status does not allow this action.`,
      );
    }
    const changes: Row = { status: t.to };
    const events: Array<{ type: string; body: string }> = [];
    const stamp = body.note ? ` — ${body.note}` : '';
    events.push({ type: 'status_change', body: `${STATUS_FR[status]} → ${STATUS_FR[t.to]}${stamp}` });
    // MED-7: engaging with the parties (amicable), settling or closing answers the complaint.
    if (action !== 'refer' && (before.answeredAt === null || before.answeredAt === undefined) && before.writtenComplaintAt) changes.answeredAt = iso(tx.now);

    if (action === 'refer') {
      assertNotFuture(tx, 'mediatorReceivedAt', body.mediatorReceivedAt);
      assertNotFuture(tx, 'mediatorNotifiedAt', body.mediatorNotifiedAt);
      // The referral happened at the latest when the mediator received the file: a referral
      // recorded after the fact is judged (MED-5) and dated by that reception.
      const referredAt = body.mediatorReceivedAt && Date.parse(body.mediatorReceivedAt) < tx.now.getTime() ? new Date(body.mediatorReceivedAt) : tx.now;
      // MED-5 (the law's admissibility), then MED-8 (only once the amicable attempt failed).
      const verdict = referralVerdict(
        { status, writtenComplaintAt: (before.writtenComplaintAt as string | Date | null) ?? null, answeredAt: (before.answeredAt as string | Date | null) ?? null },
        referredAt,
      );
      if (!verdict.admissible) {
        const writtenComplaintAt = before.writtenComplaintAt ? toDate(before.writtenComplaintAt).toISOString() : null;
        throw AppError.validation(
          verdict.message,
          verdict.rule === 'MED-8'
            ? { rule: 'MED-8', reason: verdict.reason, answerDueAt: before.answerDueAt ? toDate(before.answerDueAt).toISOString() : null, answerLastDate: verdict.answerLastDate, writtenComplaintAt }
            : { rule: 'MED-5', reason: verdict.reason, referralLastDate: verdict.lastDate, writtenComplaintAt },
        );
      }
      changes.referredAt = iso(referredAt);
      if (body.mediatorReceivedAt) changes.mediatorReceivedAt = new Date(body.mediatorReceivedAt).toISOString();
      if (body.mediatorNotifiedAt) changes.mediatorNotifiedAt = new Date(body.mediatorNotifiedAt).toISOString();
      checkMediatorDates(before, changes);
    }

    let refund: number | null = null;
    if (action === 'close') {
      const outcome = body.outcome!;
      if (body.refundCents !== undefined && outcome !== 'agreement') {
        throw AppError.validation('Un remboursement n’accompagne qu’un accord (issue « agreement »). / A refund goes with an agreement only.', { fields: { refundCents: 'agreement_only' } });
      }
      if (body.refundCents !== undefined) {
        await assertRefundable(tx, before, body.refundCents);
        refund = body.refundCents;
      }
      Object.assign(changes, { outcome, refundCents: refund, closedAt: iso(tx.now) });
      events.push({ type: 'decision', body: `Issue : ${OUTCOME_FR[outcome]}${refund !== null ? `, remboursement de ${formatEuros(refund)}` : ''}${stamp}` });
    }

    if (refund !== null) {
      // Recorded against the order's money lines: a refund row, due now, executed by the payment provider.
      const paymentId = await insertId(tx.trx, 'payments', { orderId: num(before.orderId), kind: 'refund', amountCents: refund, dueAt: iso(tx.now), doneAt: null });
      changes.refundPaymentId = paymentId;
      const payment = (await tx.trx('payments').where('id', paymentId).first()) as Row;
      await audit(tx, 'payments.refund', 'payments', paymentId, null, { ...payment, caseId: id });
    }
    const after = await writeCase(tx, before, changes, `cases.${action}`);
    for (const e of events) await addEventRow(tx, id, e);
    return after;
  });
}

/** Take the case (no body), give it to someone, or put it back (null). */
export async function assignCase(ctx: Ctx, rawId: string, input: { assignedTo?: number | null }): Promise<Row> {
  const id = caseIdOf(rawId);
  return inTransaction(ctx, async (tx) => {
    const before = await loadCase(tx, id, rawId);
    if (before.status === 'closed') throw await refusal(tx, id, 'closed', OPEN_STATUSES, 'Ce dossier est clos. / A closed case is final.');
    const me = staffId(tx);
    const current = numOrNull(before.assignedTo);
    let target: number | null;
    if (input.assignedTo === undefined) {
      target = me;
      if (current !== null && current !== me) {
        const user = (await tx.trx('users').select('fullName').where('id', current).first()) as Row | undefined;
        throw AppError.conflict(`Ce dossier est déjà suivi par ${String(user?.fullName ?? current)}. / Someone else holds this case.`, { assignedTo: current, assignedToName: user?.fullName ?? null });
      }
    } else {
      target = input.assignedTo;
      if (target !== null) await assertAssignable(tx, target);
    }
    if (target === current) return shape(tx, id);
    const after = await writeCase(tx, before, { assignedTo: target }, 'cases.assign');
    const name = target === null ? null : ((await tx.trx('users').select('fullName').where('id', target).first()) as Row | undefined)?.fullName;
    await addEventRow(tx, id, { type: 'note', body: target === null ? 'Dossier remis dans la file.' : `Dossier attribué à ${String(name ?? target)}.` });
    return after;
  });
}

/** MED-6: extend the 90-day outcome deadline, with the reason recorded in the timeline. */
export async function extendOutcome(ctx: Ctx, rawId: string, input: z.infer<typeof extendBodySchema>): Promise<Row> {
  const id = caseIdOf(rawId);
  return inTransaction(ctx, async (tx) => {
    const before = await loadCase(tx, id, rawId);
    if (before.status !== 'referred' || before.mediatorNotifiedAt === null || before.mediatorNotifiedAt === undefined) {
      throw await refusal(
        tx,
        id,
        before.status as CaseStatus,
        ['referred'],
        'Seul le délai d’issue d’une médiation en cours (dossier transmis, parties notifiées) se prolonge (MED-6). / Only a referred, notified case’s outcome deadline can be extended.',
        { mediatorNotifiedAt: before.mediatorNotifiedAt ?? null },
      );
    }
    const total = num(before.outcomeExtensionDays ?? 0) + input.days;
    const after = await writeCase(tx, before, { outcomeExtensionDays: total }, 'cases.extend');
    await addEventRow(tx, id, {
      type: 'deadline_extended',
      body: `Délai d’issue prolongé de ${input.days} jour(s) (MED-6), nouvelle échéance ${String(after.outcomeDueAt).slice(0, 10)} : ${input.reason}`,
    });
    return after;
  });
}

// ---------------------------------------------------------------------------------------
// Timeline

const EVENT_COLUMNS = ['e.id', 'e.caseId', 'e.at', 'e.actorId', 'u.fullName as actorName', 'e.sender', 'e.messageId', 'e.type', 'e.body', 'e.fileId', 'f.fileName', 'f.mimeType', 'f.sizeBytes', 'e.refundCents'];

export async function listEvents(ctx: Ctx, rawId: string): Promise<Row[]> {
  const id = caseIdOf(rawId);
  await getOne(ctx.db, casesSpec, String(id));
  const rows = (await ctx.db('caseEvents as e')
    .leftJoin('users as u', 'u.id', 'e.actorId')
    .leftJoin('files as f', 'f.id', 'e.fileId')
    .select(EVENT_COLUMNS)
    .where('e.caseId', id)
    .orderBy([{ column: 'e.at', order: 'asc' }, { column: 'e.id', order: 'asc' }])) as Row[];
  // A client's mail can quote a card number or an IBAN: the timeline shows it as the reader's
  // role would see it anywhere else (the same rule as the audit trail).
  return rows.map(eventShape).map((e) => (typeof e.body === 'string' ? { ...e, body: maskFreeText(ctx.actor?.kind === 'staff' ? ctx.actor.role : null, e.body) } : e));
}

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

/**
 * Appends an event to an open case's timeline (in the caller's transaction). A message to
 * a party or a proposal answers the written complaint (MED-7): `answeredAt` is set once.
 */
export async function appendEvent(tx: Tx, before: Row, e: NewEvent): Promise<Row> {
  const id = num(before.id);
  if (before.status === 'closed') throw await refusal(tx, id, 'closed', OPEN_STATUSES, 'Ce dossier est clos : sa chronologie est définitive. / A closed case takes no new event.');
  if (e.refundCents !== undefined && e.refundCents !== null) await assertRefundable(tx, before, e.refundCents);
  const answers = (e.type === 'message_out' || e.type === 'proposal') && (before.status === 'open' || before.status === 'amicable');
  const eventId = await addEventRow(tx, id, e);
  const event = await eventById(tx, eventId);
  if (answers && (before.answeredAt === null || before.answeredAt === undefined) && before.writtenComplaintAt) {
    await writeCase(tx, before, { answeredAt: iso(e.at ?? tx.now) }, 'cases.answered');
  } else {
    // The timeline changes the case: its version and updatedAt move (concurrent edits see it).
    await tx.trx('cases').where('id', id).update({ updatedAt: iso(tx.now), version: num(before.version ?? 1) + 1 });
  }
  await audit(tx, `cases.event.${e.type}`, 'cases', id, null, event);
  return event;
}

export async function addEvent(ctx: Ctx, rawId: string, input: AddEventInput): Promise<Row> {
  if (input.refundCents !== undefined && input.type !== 'proposal') {
    throw AppError.badRequest('Seule une proposition (type « proposal ») porte un montant de remboursement. / Only a proposal carries refundCents.', { fields: { refundCents: 'proposal_only' } });
  }
  const id = caseIdOf(rawId);
  return inTransaction(ctx, async (tx) => appendEvent(tx, await loadCase(tx, id, rawId), input));
}

export { loadCase, caseIdOf };
