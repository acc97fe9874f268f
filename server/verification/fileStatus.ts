/**
 * Partners' files evaluated against the requirements table (shared/verification), in
 * bulk, and REF-8 kept current on active partners: the day an active file became
 * incomplete is stored (`partners.fileIncompleteSince`, audited), so that the watch view
 * flags it at once and dispatch stops offering new orders after the grace period
 * (VER-6, `heldForIncompleteFile`). Documents past their last valid day are marked
 * `expired` by the sweep, an hourly job claimed by one server process at a time
 * (`verificationSweepJob`, registered in server/jobs.ts).
 *
 * Every change here is conditional on the state it was decided from (the document's
 * status, the partner's version): a sweep racing another sweep or an agent changes a row
 * once, and only a change that happened writes its audit row.
 */
import type { Knex } from 'knex';
import { canExpire, checklist, validUntil, type Checklist, type RegistryState } from '../../shared/verification/requirements';
import { parisDate } from '../../shared/calendar/paris';
import type { Ctx } from '../context';
import { every, type TransactionalJob } from '../engine/live/periodicJobs';
import { parisMidnight } from '../../shared/calendar/paris';
import { inTransaction, type Tx } from '../data/transaction';
import { transitionIfStill } from '../data/transition';
import { pauser } from '../data/bulk';
import { partnersSpec } from '../marketplace/specs';
import { documentsSpec } from './specs';
import { loadChecks, loadDocuments, loadPartnerFile, loadRegistryCache, PARTNER_FILE_COLUMNS, toPartnerFile, type CheckRecord, type PartnerFile } from './repository';

export interface EvaluatedFile {
  partner: PartnerFile;
  checklist: Checklist;
  checks: CheckRecord[];
}

/** Checklists of many partners in three queries (registry: cached answers only, unless given for every SIREN). */
export async function evaluateFiles(
  db: Knex,
  partners: readonly PartnerFile[],
  now: Date,
  registryOverride?: ReadonlyMap<string, RegistryState | null>,
): Promise<EvaluatedFile[]> {
  const ids = partners.map((p) => p.id);
  const uncached = partners.map((p) => p.siren ?? '').filter((s) => !registryOverride?.has(s));
  const docs = await loadDocuments(db, ids);
  const checks = await loadChecks(db, ids);
  const registry = uncached.length ? await loadRegistryCache(db, uncached) : new Map<string, RegistryState>();
  // A checklist takes ~30 µs: in one go, the hourly sweep's 20,000 partners (REF-8) would hold
  // the instance's requests for about 0.6 s; with the pauses, its longest stall is 35–50 ms.
  const pause = pauser(200);
  const evaluated: EvaluatedFile[] = [];
  for (const partner of partners) {
    await pause();
    const siren = partner.siren ?? '';
    const state = registryOverride?.has(siren) ? registryOverride.get(siren)! : (registry.get(siren) ?? null);
    const own = checks.get(partner.id) ?? [];
    evaluated.push({ partner, checks: own, checklist: checklist(partner, docs.get(partner.id) ?? [], own, state, now) });
  }
  return evaluated;
}

/** The instant stored for "incomplete since": Paris midnight of the derived day, or now. */
function incompleteInstant(c: Checklist, now: Date): string {
  return c.incompleteSince ? parisMidnight(c.incompleteSince).toISOString() : now.toISOString();
}

/**
 * REF-8 / VER-6: sets or clears `fileIncompleteSince` on an active partner after a change
 * to the file (in the caller's transaction, audited). Other statuses carry no flag.
 */
export async function refreshFileStatus(tx: Tx, partnerId: number): Promise<void> {
  const partner = await loadPartnerFile(tx.trx, partnerId);
  if (!partner) return;
  if (partner.status !== 'active') {
    if (partner.fileIncompleteSince) await setFlag(tx, partner, null, 'partners.file_flag_cleared');
    return;
  }
  const [evaluated] = await evaluateFiles(tx.trx, [partner], tx.now);
  await applyFlag(tx, partner, evaluated.checklist);
}

async function applyFlag(tx: Tx, partner: PartnerFile, c: Checklist): Promise<boolean> {
  if (!c.complete && !partner.fileIncompleteSince) return setFlag(tx, partner, incompleteInstant(c, tx.now), 'partners.file_incomplete');
  if (c.complete && partner.fileIncompleteSince) return setFlag(tx, partner, null, 'partners.file_complete');
  return false;
}

/**
 * Sets `fileIncompleteSince` only if the partner is still as it was read (status and
 * version): a partner changed meanwhile — by another sweep, an agent — keeps the other
 * writer's decision, and no audit row is written for a change that did not happen.
 */
async function setFlag(tx: Tx, partner: PartnerFile, value: string | null, action: string): Promise<boolean> {
  const after = await transitionIfStill(tx, partnersSpec, partner.id, { from: [partner.status], version: partner.version, set: { fileIncompleteSince: value }, action });
  return after !== null;
}

export interface SweepSummary {
  expiredDocuments: number;
  flagged: number;
  cleared: number;
}

/**
 * The sweep (REF-8): marks documents past their last valid day as `expired` (one audit row
 * each), then re-evaluates every active partner and sets or clears the incomplete-file flag.
 * Idempotent: a second run changes nothing. Rows are taken in id order so that two sweeps
 * at once on PostgreSQL wait on each other's row locks instead of deadlocking.
 */
export async function sweepVerificationIn(tx: Tx): Promise<SweepSummary> {
  const { trx, now } = tx;
  const today = parisDate(now);
  const summary: SweepSummary = { expiredDocuments: 0, flagged: 0, cleared: 0 };
  const due = await trx('documents')
    .select('id', 'type', 'status', 'issuedAt', 'expiresAt', 'validUntil')
    .whereIn('status', ['pending', 'approved'])
    .whereNotNull('validUntil')
    .where('validUntil', '<', today)
    .orderBy('id');
  for (const row of due) {
    const until = validUntil({ type: row.type, issuedAt: row.issuedAt, expiresAt: row.expiresAt });
    if (!until || until >= today || !canExpire({ type: row.type, status: row.status })) continue;
    if (!(await transitionIfStill(tx, documentsSpec, Number(row.id), { from: [String(row.status)], to: 'expired', action: 'documents.expire' }))) continue;
    summary.expiredDocuments++;
  }
  const active = (await trx('partners').select(PARTNER_FILE_COLUMNS).where('status', 'active').orderBy('id')).map(toPartnerFile);
  for (const { partner, checklist: c } of await evaluateFiles(trx, active, now)) {
    if (await applyFlag(tx, partner, c)) {
      if (c.complete) summary.cleared++;
      else summary.flagged++;
    }
  }
  return summary;
}

/** The sweep now, in a transaction of its own (the console's "run the sweep" action). */
export async function sweepVerification(ctx: Ctx): Promise<SweepSummary> {
  return inTransaction(ctx, sweepVerificationIn);
}

/** REF-8: the hourly sweep, a periodic job (first run at start-up when none is pending), by the system. */
export const verificationSweepJob: TransactionalJob = {
  name: 'verification_sweep',
  next: every(3600_000),
  run: sweepVerificationIn,
};
