/**
 * The demand: people's ordering habits turned into order requests (who orders what, when,
 * for when), and the requests merged into the engine's event queue as their time comes.
 * Whether a request becomes an order is the engine's decision (DSP-2, dispatch.ts).
 */
import { ENGINE_EVENT_KINDS, type EngineEventKind } from '../eventQueue';
import type { Random } from '../random';
import { addParisDays, parisDate, parisInstant, parisMidnight } from '../../../shared/calendar/paris';
import type { ServiceSeed } from './catalogue';
import type { SimClient } from './population';
import { DAY, HOUR, type OrderPlan, type Sim, type SimEvent } from './state';

/** A start time on a Paris day at 08:00–19:00 on the quarter hour (or at the client's usual time). */
function startOn(rng: Random, day: string, earliest: number, usualMinutes?: number): number | null {
  const minutes = usualMinutes ?? rng.int(8 * 4, 19 * 4) * 15;
  const t = parisInstant(day, minutes).getTime();
  return t >= earliest ? t : null;
}

/** People's ordering habits → the order requests, in creation order. */
export function planOrders(rng: Random, clients: SimClient[], windowStart: number, now: number): OrderPlan[] {
  const plans: OrderPlan[] = [];
  const horizon = now + 14 * DAY;
  for (const client of clients) {
    const from = Math.max(client.createdAt, windowStart);
    if (from >= now) continue;
    // Regulars book the same time each time (their usual slot), so their favourite is usually free.
    const usual = client.habit === 'once' || client.habit === 'sometimes' ? undefined : rng.int(9 * 4, 17 * 4) * 15;
    const add = (createdAt: number, service: ServiceSeed, leadDays: number) => {
      const earliest = createdAt + 2 * HOUR;
      const day = parisDate(new Date(createdAt + leadDays * DAY));
      const start = startOn(rng, day, earliest, usual) ?? startOn(rng, addParisDays(day, 1), earliest, usual);
      if (start !== null && start <= horizon) plans.push({ client, service, createdAt, start });
    };
    const lead = () => rng.weighted([0, 0.5, 1, 2, 4, 8], [8, 14, 22, 22, 20, 14]) + rng.next() * 0.9;
    if (client.habit === 'once' || client.habit === 'sometimes') {
      const n = client.habit === 'once' ? 1 : rng.int(2, 3);
      for (let i = 0; i < n; i++) add(from + Math.floor(rng.next() * (now - from)), rng.pick(client.services), lead());
    } else {
      const period = client.habit === 'twice_weekly' ? 3.5 : client.habit === 'weekly' ? 7 : 14;
      let t = from + Math.floor(rng.next() * Math.min(10 * DAY, now - from));
      while (t < now) {
        add(t, client.services[0], 1 + rng.next());
        t += (period + rng.int(-1, 1) * 0.5) * DAY;
        if (rng.chance(0.015)) break; // some regulars stop ordering
      }
    }
  }
  plans.sort((a, b) => a.createdAt - b.createdAt || a.client.id - b.client.id);
  return plans;
}

/** The next event to handle, and how far through the order requests the simulation is (0..1). */
export interface EventSource {
  next(): { at: number; payload: SimEvent } | undefined;
  done(): number;
}

/**
 * The events in the queue's order, the order requests merged in. The requests are already
 * sorted (time, then client): rather than a million events in the queue from the start, each
 * is merged in when its turn comes — the same order as the queue's (time, kind priority,
 * sequence), since no other event is an order creation. The daily recompute (SCO-6, LIM-6)
 * is queued for every Paris midnight of the window.
 */
export function eventSource(sim: Sim, plans: OrderPlan[]): EventSource {
  for (let day = parisDate(new Date(sim.windowStart)); parisMidnight(day).getTime() <= sim.now; day = addParisDays(day, 1)) {
    sim.queue.push(parisMidnight(day), 'daily', { type: 'daily' });
  }
  let nextPlan = 0;
  const priority = (kind: EngineEventKind) => ENGINE_EVENT_KINDS.indexOf(kind);
  const createdPriority = priority('order_created');
  return {
    next() {
      const head = sim.queue.peek();
      const plan = nextPlan < plans.length ? plans[nextPlan] : undefined;
      if (plan && (!head || plan.createdAt < head.at || (plan.createdAt === head.at && createdPriority < priority(head.kind)))) {
        (plans as (OrderPlan | undefined)[])[nextPlan++] = undefined; // its order takes over
        return { at: plan.createdAt, payload: { type: 'create', plan } };
      }
      return sim.queue.pop();
    },
    done: () => nextPlan / Math.max(1, plans.length),
  };
}
