/**
 * The marketplace dashboard's figures over a period of Paris dates, computed from the
 * engine's rows: score distribution (SCO-7), acceptance and fill rates, time to
 * acceptance by urgency band (DSP-11's bands), unfilled orders (DSP-12) and
 * limitations in force (LIM) per day.
 */
import type { Knex } from 'knex';
import { addParisDays, parisDate, parisMidnight } from '../../shared/calendar/paris';

export interface StatsPeriod {
  from: string;
  to: string;
}

const HOUR = 3_600_000;

/** DSP-11's lead-time bands, in the same words the console shows. */
export const URGENCY_BANDS = [
  { key: 'lt4h', maxLeadMs: 4 * HOUR },
  { key: 'lt24h', maxLeadMs: 24 * HOUR },
  { key: 'lt72h', maxLeadMs: 72 * HOUR },
  { key: 'ge72h', maxLeadMs: Infinity },
] as const;

function ms(v: unknown): number {
  return v instanceof Date ? v.getTime() : Date.parse(String(v));
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export async function marketplaceStats(db: Knex, period: StatsPeriod) {
  const fromIso = parisMidnight(period.from).toISOString();
  const toIso = parisMidnight(addParisDays(period.to, 1)).toISOString();

  // SCO-7: today's scores of active partners, in buckets of 10 points.
  const scores = await db('partners').select('score').where('status', 'active').whereNotNull('score');
  const scoreBuckets = Array.from({ length: 10 }, (_, i) => ({ bucket: `${i * 10}–${i * 10 + 10}`, partners: 0 }));
  for (const { score } of scores) scoreBuckets[Math.min(9, Math.floor(Number(score) / 10))].partners++;
  const sortedScores = scores.map((s) => Number(s.score)).sort((a, b) => a - b);

  // Orders starting in the period: fill rate, unfilled per day, time to acceptance by band.
  const orders = await db('orders')
    .select('startsAt', 'createdAt', 'acceptedAt', 'status')
    .where('startsAt', '>=', fromIso)
    .where('startsAt', '<', toIso);
  const days = new Map<string, { day: string; orders: number; unfilled: number; accepted: number }>();
  for (let d = period.from; d <= period.to; d = addParisDays(d, 1)) days.set(d, { day: d, orders: 0, unfilled: 0, accepted: 0 });
  const waits = new Map<string, number[]>(URGENCY_BANDS.map((b) => [b.key, []]));
  let filled = 0;
  let decided = 0;
  for (const o of orders) {
    const day = days.get(parisDate(new Date(ms(o.startsAt))));
    if (day) day.orders++;
    if (o.status === 'expired') {
      decided++;
      if (day) day.unfilled++;
    } else if (o.acceptedAt) {
      decided++;
      filled++;
      if (day) day.accepted++;
      const lead = ms(o.startsAt) - ms(o.createdAt);
      const band = URGENCY_BANDS.find((b) => lead < b.maxLeadMs)!;
      waits.get(band.key)!.push((ms(o.acceptedAt) - ms(o.createdAt)) / 60_000);
    }
  }

  // Proposals sent in the period: acceptance rate (every answer counts, LIM-7).
  const answers = await db('proposals')
    .select('answer')
    .count({ n: '*' })
    .where('sentAt', '>=', fromIso)
    .where('sentAt', '<', toIso)
    .whereNotNull('answer')
    .groupBy('answer');
  const byAnswer: Record<string, number> = {};
  for (const a of answers as Array<{ answer: string; n: number | string }>) byAnswer[a.answer] = Number(a.n);
  const answered = Object.values(byAnswer).reduce((s, n) => s + n, 0);

  // Limitations in force at the end of each day.
  const limitations = await db('limitations').select('kind', 'startsAt', 'liftedAt', 'updatedAt', 'status').where('startsAt', '<', toIso);
  const inForce = [...days.keys()].map((day) => {
    const end = parisMidnight(addParisDays(day, 1)).getTime();
    let automatic = 0;
    let manual = 0;
    for (const l of limitations) {
      if (ms(l.startsAt) >= end) continue;
      const over = l.status === 'lifted' ? ms(l.liftedAt ?? l.updatedAt) : l.status === 'terminated' ? ms(l.updatedAt) : Infinity;
      if (over <= end) continue;
      if (l.kind === 'automatic') automatic++;
      else manual++;
    }
    return { day, automatic, manual };
  });

  return {
    period,
    scores: {
      partners: sortedScores.length,
      median: median(sortedScores),
      above90: sortedScores.filter((s) => s > 90).length,
      buckets: scoreBuckets,
    },
    acceptance: { answered, accepted: byAnswer.accepted ?? 0, byAnswer, rate: answered ? (byAnswer.accepted ?? 0) / answered : null },
    fill: { decided, filled, rate: decided ? filled / decided : null },
    timeToAcceptance: URGENCY_BANDS.map((b) => ({ band: b.key, orders: waits.get(b.key)!.length, medianMinutes: median(waits.get(b.key)!) })),
    perDay: [...days.values()],
    limitationsInForce: inForce,
  };
}
