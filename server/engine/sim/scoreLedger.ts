/**
 * What the final score check (SCO-8, `finalScores` in scores.ts) reads of each order once it
 * has been yielded, in columns: the order's id, client, partner, start, status, partner's
 * cancellation instant and survey answer. The orders themselves can then go: kept alive
 * until `now` for that check, the large demo's million `OrderState`s (each with its Date and
 * boxed instants) were most of the simulator's old generation, and its garbage collection
 * under the worker's heap cap took a quarter of the simulation's time (bench:simulate at the
 * large scale, 1.5 GB of heap: 269 s with them, 207 s without). ~30 bytes an order here.
 */
import type { OrderStatus } from '../../../shared/domain';
import { ORDER_STATUSES } from '../../../shared/domain';
import type { OrderState } from './state';
import { widened } from './columns';

/** No survey answer. */
const NO_RATING = 0;

export class ScoreLedger {
  size = 0;
  private ids = new Int32Array(1024);
  private clients = new Int32Array(1024);
  private partners = new Int32Array(1024);
  private starts = new Float64Array(1024);
  /** NaN: not a partner's cancellation. */
  private cancelledAt = new Float64Array(1024);
  private statuses = new Uint8Array(1024);
  /** 1–5, or NO_RATING; surveys are answered when they are given (onReview). */
  private ratings = new Uint8Array(1024);

  /** Records a yielded order of a partner (its status is final); returns its row for a survey answer that comes later. */
  add(o: OrderState): number {
    if (this.size === this.ids.length) this.grow();
    const i = this.size++;
    this.ids[i] = o.id;
    this.clients[i] = o.client.id;
    this.partners[i] = o.partner!.id;
    this.starts[i] = o.start;
    this.cancelledAt[i] = o.status === 'cancelled_by_partner' && o.cancelledAt !== null ? o.cancelledAt : NaN;
    this.statuses[i] = STATUS_CODE.get(o.status)!;
    this.ratings[i] = o.review?.surveyAnswered ? o.review.rating : NO_RATING;
    return i;
  }

  /** The survey of the order at row `i` is answered. */
  answer(i: number, rating: number): void {
    this.ratings[i] = rating;
  }

  /** Row indices grouped by partner id: `rows.subarray(start[p], start[p + 1])` are partner p's. */
  byPartner(maxPartnerId: number): { start: Int32Array; rows: Int32Array } {
    const start = new Int32Array(maxPartnerId + 2);
    for (let i = 0; i < this.size; i++) start[this.partners[i] + 1]++;
    for (let p = 1; p < start.length; p++) start[p] += start[p - 1];
    const next = start.slice();
    const rows = new Int32Array(this.size);
    for (let i = 0; i < this.size; i++) rows[next[this.partners[i]]++] = i;
    return { start, rows };
  }

  id(i: number): number {
    return this.ids[i];
  }
  clientId(i: number): number {
    return this.clients[i];
  }
  start(i: number): number {
    return this.starts[i];
  }
  status(i: number): OrderStatus {
    return ORDER_STATUSES[this.statuses[i]];
  }
  /** The partner's cancellation instant, or null. */
  cancelled(i: number): number | null {
    const at = this.cancelledAt[i];
    return Number.isNaN(at) ? null : at;
  }
  /** The answered survey's rating, or null. */
  rating(i: number): number | null {
    return this.ratings[i] === NO_RATING ? null : this.ratings[i];
  }

  private grow(): void {
    const n = this.ids.length * 2;
    this.ids = widened(this.ids, n);
    this.clients = widened(this.clients, n);
    this.partners = widened(this.partners, n);
    this.starts = widened(this.starts, n);
    this.cancelledAt = widened(this.cancelledAt, n);
    this.statuses = widened(this.statuses, n);
    this.ratings = widened(this.ratings, n);
  }
}

const STATUS_CODE = new Map<OrderStatus, number>(ORDER_STATUSES.map((s, i) => [s, i]));
