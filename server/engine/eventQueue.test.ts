import { describe, expect, it } from 'vitest';
import { ENGINE_EVENT_KINDS, EventQueue, engineEventQueue, type EngineEventKind } from './eventQueue';
import { mulberry32 } from './random';

const drain = <P, K extends string>(q: EventQueue<P, K>) => {
  const out = [];
  for (let e = q.pop(); e !== undefined; e = q.pop()) out.push(e);
  return out;
};

describe('event queue', () => {
  it('DSP-5: an empty queue peeks and pops nothing', () => {
    const q = engineEventQueue<string>();
    expect(q.size).toBe(0);
    expect(q.peek()).toBeUndefined();
    expect(q.pop()).toBeUndefined();
  });

  it('DSP-5: events pop by time, whatever the push order', () => {
    const q = engineEventQueue<string>();
    q.push(new Date('2026-05-20T10:05:00Z'), 'proposal_timeout', 'b');
    q.push(new Date('2026-05-20T10:00:00Z'), 'proposal_timeout', 'a');
    q.push(new Date('2026-05-20T11:00:00Z'), 'order_expiry', 'c');
    expect(q.peek()?.payload).toBe('a');
    expect(q.size).toBe(3);
    expect(drain(q).map((e) => e.payload)).toEqual(['a', 'b', 'c']);
  });

  it('DSP-12: at equal times, a proposal timeout comes before the order expiry, and an answer before both', () => {
    const q = engineEventQueue<string>();
    const t = Date.UTC(2026, 4, 20, 13);
    q.push(t, 'order_expiry', 'expiry');
    q.push(t, 'proposal_timeout', 'timeout');
    q.push(t, 'proposal_answer', 'answer');
    expect(drain(q).map((e) => e.payload)).toEqual(['answer', 'timeout', 'expiry']);
  });

  it('PAY-3: at equal times and kinds, events keep their scheduling order', () => {
    const q = engineEventQueue<number>();
    for (let i = 0; i < 100; i++) q.push(0, 'payment_capture', i);
    expect(drain(q).map((e) => e.payload)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('DSP-5: 10k random events pop sorted by (time, kind, sequence), deterministically', () => {
    const run = (seed: number) => {
      const rnd = mulberry32(seed);
      const q = engineEventQueue<number>();
      for (let i = 0; i < 10_000; i++) {
        // Few distinct times, so that ties on time and kind are frequent.
        q.push(rnd.int(0, 300) * 60_000, rnd.pick(ENGINE_EVENT_KINDS), i);
        if (rnd.chance(0.2)) q.pop(); // interleave pops as the loop does
      }
      return { popped: drain(q) };
    };
    const { popped } = run(42);
    const rank = (k: EngineEventKind) => ENGINE_EVENT_KINDS.indexOf(k);
    let outOfOrder = 0;
    for (let i = 1; i < popped.length; i++) {
      const a = popped[i - 1];
      const b = popped[i];
      const ordered = a.at < b.at || (a.at === b.at && (rank(a.kind) < rank(b.kind) || (a.kind === b.kind && a.seq < b.seq)));
      if (!ordered) outOfOrder++;
    }
    expect(outOfOrder).toBe(0);
    expect(popped.length).toBeGreaterThan(7000);
    expect(run(42).popped.map((e) => e.payload)).toEqual(popped.map((e) => e.payload));
  });

  it('DSP-5: without interleaved pops, the heap returns exactly a stable sort of what was pushed', () => {
    const rnd = mulberry32(9);
    const q = engineEventQueue<number>();
    const pushed = Array.from({ length: 10_000 }, (_, i) => q.push(rnd.int(0, 1000), rnd.pick(ENGINE_EVENT_KINDS), i));
    const rank = (k: EngineEventKind) => ENGINE_EVENT_KINDS.indexOf(k);
    const expected = [...pushed].sort((a, b) => a.at - b.at || rank(a.kind) - rank(b.kind) || a.seq - b.seq);
    expect(drain(q).map((e) => e.payload)).toEqual(expected.map((e) => e.payload));
  });

  it('DSP-5: a queue can use its own kinds and refuses unknown ones or invalid times', () => {
    const q = new EventQueue<string, 'low' | 'high'>(['high', 'low']);
    q.push(5, 'low', 'l');
    q.push(5, 'high', 'h');
    expect(drain(q).map((e) => e.payload)).toEqual(['h', 'l']);
    expect(() => q.push(1, 'other' as 'low', 'x')).toThrow(RangeError);
    expect(() => q.push(new Date('invalid'), 'low', 'x')).toThrow(RangeError);
  });
});
