/**
 * `npm start`'s demo data through the real database (db/seeds/marketplace.ts): the
 * simulator's rows load on SQLite and on PostgreSQL (TEST_DATABASE_URL), every table the
 * API lists is filled, and rows created afterwards get fresh ids (PostgreSQL sequences are
 * moved past the loaded ids, camelCase table names included).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedMarketplace } from '../../db/seeds/marketplace';
import { createTestDb, TEST_NOW, type TestDb } from './harness';
import { inTransaction } from '../data/transaction';
import { parisMidnight } from '../../shared/calendar/paris';
import { fixedClock } from '../clock';
import { runPayoutsIn } from '../payouts/runPayouts';
import type { Row } from '../data/rows';

const LOADED = ['partners', 'clients', 'orders', 'proposals', 'reviews', 'payments', 'payoutRuns', 'payouts', 'payoutLines', 'limitations', 'cases', 'caseEvents', 'documents', 'partnerChecks', 'auditLog'];

describe('demo marketplace seed (test scale)', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await seedMarketplace(t.db, { now: TEST_NOW, scale: 'test', uploadsDir: mkdtempSync(path.join(tmpdir(), 'seed-uploads-')) });
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
  });

  it('fills every table the console lists', async () => {
    for (const table of LOADED) {
      const [{ n }] = await t.db(table).count({ n: '*' });
      expect(Number(n), table).toBeGreaterThan(0);
    }
  });

  it('a row inserted after the load gets an id above the loaded ones, in every table with a sequence', async () => {
    const sample = async (table: string, row: Row) => {
      const [{ max }] = await t.db(table).max({ max: 'id' });
      const [inserted] = await t.db(table).insert(row).returning('id');
      const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
      expect(id, table).toBeGreaterThan(Number(max));
    };
    const partner = await t.db('partners').orderBy('id').first();
    const { id: _p, ...partnerRest } = partner;
    await sample('partners', { ...partnerRest, reference: 'P-SEQ-TEST', email: 'seq@example.test' });
    const check = await t.db('partnerChecks').orderBy('id').first();
    const { id: _c, ...checkRest } = check;
    await sample('partnerChecks', checkRest);
    const kase = await t.db('cases').orderBy('id').first();
    const { id: _k, ...caseRest } = kase;
    await sample('cases', { ...caseRest, reference: 'MED-SEQ-TEST' });
  });

  it('PAY-7: when the live payout job reaches the first boundary after the demo, then it pays only what the demo left unpaid — never a session the demo’s runs paid', async () => {
    const [{ n: linesBefore }] = await t.db('payoutLines').count({ n: '*' });
    const runs = await inTransaction({ db: t.db, clock: fixedClock(parisMidnight('2026-11-23')) }, (tx) => runPayoutsIn(tx));
    // The week of 16–22 November; October's monthly run was the demo's own.
    expect(runs.map((r) => [r.periodKind, r.periodStart])).toEqual([['weekly', '2026-11-16']]);
    const paidNow = (await t.db('payoutLines as l').join('payouts as p', 'p.id', 'l.payoutId').where('p.payoutRunId', runs[0].id).select('l.sessionEndsAt')) as { sessionEndsAt: string | Date }[];
    expect(paidNow.length).toBeGreaterThan(0);
    for (const l of paidNow) expect(new Date(l.sessionEndsAt).getTime()).toBeGreaterThanOrEqual(parisMidnight('2026-11-09').getTime());
    const [{ n: linesAfter }] = await t.db('payoutLines').count({ n: '*' });
    expect(Number(linesAfter) - Number(linesBefore)).toBe(paidNow.length);
  });
});
