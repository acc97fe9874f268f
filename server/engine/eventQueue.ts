/**
 * The discrete-event loop's priority queue (ARCHITECTURE.md "The engine"): a binary
 * min-heap ordered by (time, kind priority, sequence). The sequence number is the
 * insertion order, so events at the same time and of the same kind come out in the
 * order they were scheduled — the same seed always replays the same way.
 */

/**
 * Kinds of engine events, in the order they are handled when their times are equal.
 * - A partner's answer before the timeout at the same instant: a deadline is inclusive.
 * - A proposal timeout (DSP-5) before the order's expiry (DSP-12): when a window is cut
 *   at the expiry, the proposal is recorded as a timeout (it counts for LIM-1) before
 *   the order expires.
 * - A client's answer to another slot (DSP-12) right after partners' answers.
 * - Cancellations before a session's end at the same instant, reviews after it.
 * - Payment events (PAY-3/5/6) and payouts (PAY-4) after dispatch events; the daily
 *   recompute (SCO-6 platform mean, limitation periods) last.
 */
export const ENGINE_EVENT_KINDS = [
  'order_created',
  'proposal_answer',
  'client_slot_answer',
  'proposal_timeout',
  'order_expiry',
  'cancellation',
  'session_end',
  'review',
  'payment_preauth',
  'payment_capture',
  'urssaf_debit',
  'payout',
  'daily',
] as const;
export type EngineEventKind = (typeof ENGINE_EVENT_KINDS)[number];

export interface QueuedEvent<K extends string, P> {
  /** Epoch ms. */
  at: number;
  kind: K;
  payload: P;
  /** Assigned by push(): the tie-break of last resort. */
  seq: number;
}

export class EventQueue<P, K extends string> {
  private readonly heap: QueuedEvent<K, P>[] = [];
  private readonly priority: ReadonlyMap<K, number>;
  private nextSeq = 0;

  /** @param kinds every kind, in priority order (first = handled first at equal times). */
  constructor(kinds: readonly K[]) {
    this.priority = new Map(kinds.map((k, i) => [k, i]));
  }

  get size(): number {
    return this.heap.length;
  }

  push(at: Date | number, kind: K, payload: P): QueuedEvent<K, P> {
    const time = typeof at === 'number' ? at : at.getTime();
    if (!Number.isFinite(time)) throw new RangeError('An event needs a finite time');
    if (!this.priority.has(kind)) throw new RangeError(`Unknown event kind: ${kind}`);
    const event: QueuedEvent<K, P> = { at: time, kind, payload, seq: this.nextSeq++ };
    this.heap.push(event);
    this.siftUp(this.heap.length - 1);
    return event;
  }

  peek(): QueuedEvent<K, P> | undefined {
    return this.heap[0];
  }

  pop(): QueuedEvent<K, P> | undefined {
    const top = this.heap[0];
    const last = this.heap.pop();
    if (top !== undefined && last !== undefined && this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  /** a comes strictly before b. */
  private before(a: QueuedEvent<K, P>, b: QueuedEvent<K, P>): boolean {
    if (a.at !== b.at) return a.at < b.at;
    const pa = this.priority.get(a.kind) ?? 0;
    const pb = this.priority.get(b.kind) ?? 0;
    if (pa !== pb) return pa < pb;
    return a.seq < b.seq;
  }

  private siftUp(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i], h[parent])) return;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const h = this.heap;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let first = i;
      if (left < h.length && this.before(h[left], h[first])) first = left;
      if (right < h.length && this.before(h[right], h[first])) first = right;
      if (first === i) return;
      [h[i], h[first]] = [h[first], h[i]];
      i = first;
    }
  }
}

/** The engine's queue: ENGINE_EVENT_KINDS in their priority order. */
export function engineEventQueue<P>(): EventQueue<P, EngineEventKind> {
  return new EventQueue<P, EngineEventKind>(ENGINE_EVENT_KINDS);
}
