/**
 * Every action code the server writes to the audit trail (`auditLog.action`), in one list:
 * the console labels each one in French and English (admin/src/i18n, keys
 * `app.audit.actions.<code>`), and server/test/audit.actions.test.ts checks that this list is
 * exactly what the code's audit calls write — a new action without its labels fails the suite.
 *
 * A code is `<resource>.<verb>`; a case's timeline events are `cases.event.<type>`.
 */
export const AUDIT_ACTIONS = [
  // Sign-in (resource `users`).
  'auth.login',
  'auth.recovery_code',
  // Partners: the file (REF-*), the engine's score (SCO-*), the end of a contract, GDPR export.
  'partners.create',
  'partners.reference',
  'partners.update',
  'partners.take',
  'partners.release',
  'partners.approve',
  'partners.refuse',
  'partners.reopen',
  'partners.file_incomplete',
  'partners.file_complete',
  'partners.file_flag_cleared',
  'partners.terminate',
  'partners.iban_from_rib',
  'partners.score',
  'partners.recompute_scores',
  'partners.export',
  // Partners' documents and the interview / skills test.
  'documents.create',
  'documents.update',
  'documents.approve',
  'documents.reject',
  'documents.expire',
  'partner-checks.create',
  'partner-checks.update',
  // Clients (CLI-2 deletion, GDPR export) and what the apps write.
  'clients.delete',
  'clients.export',
  'favourites.create',
  'messages.create',
  // Catalogue.
  'services.update',
  // Orders, dispatch, payments, reviews (the engine).
  'orders.create',
  'orders.accept',
  'orders.expire',
  'orders.cancel',
  // Support or admin cancelling for the client or the partner (the engine's same cancellation, with a reason).
  'orders.cancel_on_behalf',
  'orders.complete',
  'orders.no_show',
  'orders.signed-sheet',
  'proposals.create',
  'proposals.answer',
  'proposals.slot_answer',
  'proposals.timeout',
  'proposals.slot_timeout',
  'payments.create',
  'payments.cancel',
  'payments.done',
  'payments.refund',
  // Payouts (PAY-4, PAY-7): a period's run, a partner's frequency change.
  'payout-runs.create',
  'partners.payout_frequency',
  'reviews.create',
  'reviews.edit',
  'reviews.publish',
  // Limitations and signals.
  'limitations.create',
  'limitations.lift',
  'limitations.awaiting_review',
  'limitations.terminate',
  'limitations.approve-termination',
  // The simulated history (demo dataset) spells this one with an underscore.
  'limitations.approve_termination',
  'limitations.decline-termination',
  'signals.create',
  'signals.dismiss',
  'signals.action',
  // Mediation cases and their timeline.
  'cases.create',
  'cases.update',
  'cases.amicable',
  'cases.resolve',
  'cases.refer',
  'cases.intake',
  'cases.attached',
  'cases.close',
  'cases.assign',
  'cases.extend',
  'cases.answered',
  'cases.event.note',
  'cases.event.message_in',
  'cases.event.message_out',
  'cases.event.evidence',
  'cases.event.proposal',
  'cases.event.decision',
  'cases.event.deadline_extended',
  'cases.event.status_change',
  // Staff accounts and app tokens.
  'users.create',
  'users.update',
  'users.lock',
  'users.unlock',
  'users.totp_start',
  'users.totp_enrol',
  'users.totp_disable',
  'users.totp_reset',
  'app-tokens.create',
  'app-tokens.revoke',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}

/** The console's i18n key of an action's label (a verb phrase: "a transmis le dossier au médiateur"). */
export function auditActionLabelKey(action: string): string {
  return `app.audit.actions.${action}`;
}
