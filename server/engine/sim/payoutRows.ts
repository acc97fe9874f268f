/**
 * The simulated history's payout runs (PAY-4, PAY-6, PAY-7, PAY-8): every boundary (Monday,
 * 1st, 00:00 Paris) passed before `now` gets its run, built by the live job's `planPayoutRun`
 * from the sessions that job would have found — completed by the period's end, not paid
 * yet, and for Care with the immediate advance, URSSAF's debit collected by the run. The
 * current period's sessions stay unpaid: the live `payout_run` job pays them.
 *
 * Sessions are kept in typed arrays (28 bytes each): the large scale completes millions.
 */
import type { PayoutFrequency } from '../money';
import { closedPeriods, isPayable, nextPayoutBoundary, payoutLineRows, payoutRow, payoutRunRow, periodEndInstant, planPayoutRun, type PayableSession } from '../payoutRun';
import type { Row } from './rows';
import { widened } from './columns';

export class SimPayouts {
  private n = 0;
  private orderId = new Int32Array(1024);
  private partnerId = new Int32Array(1024);
  private pay = new Int32Array(1024);
  private end = new Float64Array(1024);
  /** When URSSAF's debit was collected (PAY-8); -Infinity: not an immediate-advance session; NaN: not collected. */
  private collected = new Float64Array(1024);

  constructor(private readonly frequencyOf: (partnerId: number) => PayoutFrequency) {}

  /** A completed session; `debitCollectedAt`: undefined when it is not Care with the advance, null when not collected. */
  add(orderId: number, partnerId: number, partnerPayCents: number, endMs: number, debitCollectedAt?: number | null): void {
    if (this.n === this.orderId.length) this.grow();
    const i = this.n++;
    this.orderId[i] = orderId;
    this.partnerId[i] = partnerId;
    this.pay[i] = partnerPayCents;
    this.end[i] = endMs;
    this.collected[i] = debitCollectedAt === undefined ? -Infinity : debitCollectedAt === null ? NaN : debitCollectedAt;
  }

  private grow(): void {
    const size = this.orderId.length * 2;
    this.orderId = widened(this.orderId, size);
    this.partnerId = widened(this.partnerId, size);
    this.pay = widened(this.pay, size);
    this.end = widened(this.end, size);
    this.collected = widened(this.collected, size);
  }

  private session(i: number): PayableSession {
    const c = this.collected[i];
    return {
      orderId: this.orderId[i],
      partnerId: this.partnerId[i],
      partnerPayCents: this.pay[i],
      endsAt: new Date(this.end[i]),
      immediateAdvance: c !== -Infinity,
      debitCollectedAt: Number.isNaN(c) || c === -Infinity ? null : new Date(c),
    };
  }

  /**
   * The runs of the boundaries from the first after `fromMs` up to `nowMs`, with their payouts
   * (ids from 1, in run order) and an audit row per run. The lines come from `lines()`, in
   * batches, once the payouts are loaded: kept as one payout id per session meanwhile.
   */
  rows(fromMs: number, nowMs: number): { payoutRuns: Row[]; payouts: Row[]; audits: { at: number; runId: number; after: Row }[]; lines: (batch: number) => Generator<Row[]> } {
    const out = { payoutRuns: [] as Row[], payouts: [] as Row[], audits: [] as { at: number; runId: number; after: Row }[] };
    const payoutOf = new Int32Array(this.n); // 0: not paid
    // PAY-6: every Monday and every 1st, 00:00 Paris, after `fromMs` up to `nowMs`.
    const boundaries: number[] = [];
    for (let at = nextPayoutBoundary(new Date(fromMs)); at.getTime() <= nowMs; at = nextPayoutBoundary(at)) boundaries.push(at.getTime());
    const order = Array.from({ length: this.n }, (_, i) => i).sort((a, b) => this.end[a] - this.end[b] || this.orderId[a] - this.orderId[b]);
    for (const frequency of ['weekly', 'monthly'] as const) {
      const mine = order.filter((i) => this.frequencyOf(this.partnerId[i]) === frequency);
      let next = 0;
      let held: number[] = [];
      for (const at of boundaries) {
        const runAt = new Date(at);
        const period = closedPeriods(runAt).find((p) => p.frequency === frequency)!;
        // Only the boundaries of this frequency: Mondays for weekly runs, 1sts for monthly ones.
        if (periodEndInstant(period).getTime() !== at) continue;
        const payable: PayableSession[] = [];
        const indexOf = new Map<number, number>();
        const stillHeld: number[] = [];
        const consider = (i: number) => {
          const session = this.session(i);
          if (isPayable(session, runAt)) {
            payable.push(session);
            indexOf.set(session.orderId, i);
          } else stillHeld.push(i); // PAY-8: URSSAF's debit not collected by this run
        };
        for (const i of held) consider(i);
        for (; next < mine.length && this.end[mine[next]] < at; next++) consider(mine[next]);
        held = stillHeld;
        const plan = planPayoutRun(period, payable, runAt);
        const runId = out.payoutRuns.length + 1;
        const run = { id: runId, ...payoutRunRow(plan, new Date(at)) };
        out.payoutRuns.push(run);
        out.audits.push({ at, runId, after: run });
        for (const p of plan.payouts) {
          const payoutId = out.payouts.length + 1;
          out.payouts.push({ id: payoutId, ...payoutRow(plan, p, runId) });
          for (const line of p.lines) payoutOf[indexOf.get(line.orderId)!] = payoutId;
        }
      }
    }
    const lines = function* (this: SimPayouts, batch: number): Generator<Row[]> {
      let rows: Row[] = [];
      for (const i of order) {
        if (payoutOf[i] === 0) continue;
        rows.push(...payoutLineRows({ partnerId: this.partnerId[i], amountCents: this.pay[i], lines: [{ orderId: this.orderId[i], partnerPayCents: this.pay[i], sessionEndsAt: new Date(this.end[i]) }] }, payoutOf[i]));
        if (rows.length >= batch) {
          yield rows;
          rows = [];
        }
      }
      if (rows.length) yield rows;
    }.bind(this);
    return { ...out, lines };
  }
}
