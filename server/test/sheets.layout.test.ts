/**
 * The sheet's layout holds whatever the data (rule SHEET-1): very long names and
 * addresses, control characters, right-to-left marks, other scripts and emoji stay
 * inside their boxes — read back from the PDF as positioned text, every run lies inside
 * the page's margins, no two runs overlap, every label of both parts is still there,
 * and nothing invisible or reordering reaches the page.
 */
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isA4Portrait, readPdf, type PageText, type TextItem } from '../pdf/readBack';
import { CUT_Y, renderSheetPdf } from '../sheets/renderSheet';
import type { SheetOrder } from '../sheets/sheetText';
import { createTestApp, type TestApp } from './harness';

const LONG = 'Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessenschafewarenwohlgepflegeundsorgfaltigkeitbeschutzen';
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

const base: SheetOrder = {
  id: 1,
  reference: 'R0001481',
  status: 'accepted',
  startsAt: '2026-11-21T09:30:00.000Z',
  endsAt: '2026-11-21T10:30:00.000Z',
  priceCents: 4500,
  address: '42 rue de la Roquette',
  postcode: '75011',
  city: 'Paris',
  immediateAdvance: false,
  service: { code: 'haircut', name: 'Coupe et brushing à domicile', vertical: 'wellness', durationMin: 60 },
  client: { reference: 'C000123', firstName: 'Élodie', lastName: 'Lefèvre', deleted: false },
  partner: { reference: 'P-000011', firstName: 'Chloé', lastName: 'Œuvray', siren: '732829320' },
};

const HOSTILE: Array<[string, SheetOrder]> = [
  [
    'very long names, address and service',
    {
      ...base,
      service: { code: 'childcare', name: `Garde d’enfants ${'avec goûter, devoirs et bain '.repeat(12)}`, vertical: 'care', durationMin: 180 },
      immediateAdvance: true,
      priceCents: 987_654_321,
      address: `Résidence « Les Jardins de l’Hippodrome », ${'bâtiment C, escalier 4, '.repeat(20)}`,
      postcode: '13006',
      city: `Marseille ${LONG}`,
      client: { reference: 'C000124', firstName: `Marie-${LONG}`, lastName: LONG.repeat(40), deleted: false },
      partner: { reference: 'P-000012', firstName: 'Jean-Baptiste-Emmanuel-Marie', lastName: `de La Tour d’Auvergne ${LONG} ${LONG}`, siren: '732829320' },
    },
  ],
  [
    'control characters, bidi overrides and marks, zero-width characters',
    {
      ...base,
      address: '12\u0000 rue\u0007 des\u001b[31m Lilas\r\n\t75011\u202e Paris',
      client: { reference: 'C\u202e000125', firstName: '\u200fÉlodie\u200e', lastName: 'Dur\u200band\u2066\u2067\u2069\u061c\ufeff', deleted: false },
      partner: { reference: 'P-000013', firstName: 'Karim\u202d', lastName: '\u202eilanebf\u202c', siren: '732 829 320' },
    },
  ],
  [
    'other scripts and emoji',
    {
      ...base,
      client: { reference: 'C000126', firstName: 'محمد', lastName: 'Łukasz Ștefan Nguyễn 李 😀👩‍👩‍👧', deleted: false },
      partner: { reference: 'P-000014', firstName: 'Ἀλέξανδρος', lastName: 'Дмитрий', siren: null },
    },
  ],
  [
    'a cancelled order (status note) with very long client and provider names',
    {
      ...base,
      status: 'cancelled_by_partner',
      client: { reference: 'C000128', firstName: `Marie-${LONG}`, lastName: LONG, deleted: false },
      partner: { reference: 'P-000015', firstName: `Jean-${LONG}`, lastName: `${LONG} ${LONG}`, siren: '732829320' },
      service: { ...base.service, name: `Coupe ${'et brushing '.repeat(30)}` },
    },
  ],
  ['a pending request without provider, a deleted client', { ...base, status: 'dispatching', partner: null, client: { reference: 'C000127', firstName: null, lastName: null, deleted: true } }],
];

/** A text run's box in mm: from the ascender to the descender of its font size. */
function bounds(i: TextItem) {
  const pt = 25.4 / 72;
  return { left: i.x, right: i.x + i.width, top: i.y - i.size * 0.72 * pt, bottom: i.y + i.size * 0.21 * pt };
}

function checkLayout(page: PageText): void {
  expect(isA4Portrait(page)).toBe(true);
  const items = page.items.filter((i) => i.str.trim().length > 0);
  for (const i of items) {
    const b = bounds(i);
    expect(INVISIBLE.test(i.str), JSON.stringify(i.str)).toBe(false);
    expect(b.left, i.str).toBeGreaterThanOrEqual(11.9);
    expect(b.right, i.str).toBeLessThanOrEqual(198.1);
    expect(b.top, i.str).toBeGreaterThanOrEqual(11.9);
    expect(b.bottom, i.str).toBeLessThanOrEqual(285.1);
    // Nothing straddles the cut line but its own label: each run belongs to one part.
    if (!i.str.startsWith('Coupon détachable')) expect(b.bottom < CUT_Y || b.top > CUT_Y, `${i.str} crosses the cut line`).toBe(true);
  }
  for (let a = 0; a < items.length; a++) {
    for (let b = a + 1; b < items.length; b++) {
      const p = bounds(items[a]);
      const q = bounds(items[b]);
      const overlapX = Math.min(p.right, q.right) - Math.max(p.left, q.left);
      const overlapY = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
      expect(overlapX > 0.3 && overlapY > 0.3, `"${items[a].str}" overlaps "${items[b].str}"`).toBe(false);
    }
  }
  // Each section's text ends inside its frame: at least 3 mm above the next section's title
  // (the frames are 4 mm apart, their title bands 6 mm tall).
  const titleY = (str: string) => items.find((i) => i.str === str)!.y;
  const sections = ['LE CLIENT (EMPLOYEUR)', 'L’INTERVENTION', 'OBSERVATIONS', 'Signature du client'];
  for (let k = 0; k < sections.length - 1; k++) {
    const [from, to] = [titleY(sections[k]), titleY(sections[k + 1])];
    const nextTop = bounds(items.find((i) => i.str === sections[k + 1])!).top;
    for (const i of items.filter((x) => x.y > from && x.y < to)) expect(bounds(i).bottom, `${i.str} leaves its section`).toBeLessThan(nextTop - 3);
  }
  const above = items.filter((i) => i.y < CUT_Y).map((i) => i.str).join(' ');
  const below = items.filter((i) => i.y > CUT_Y).map((i) => i.str).join(' ');
  for (const label of ['FICHE D’INTERVENTION', 'Demande n°', 'LE CLIENT (EMPLOYEUR)', 'L’INTERVENANT', 'Référence partenaire', 'SIREN', 'L’INTERVENTION', 'Date', 'Horaire', 'Adresse d’intervention', 'Prestation', 'Prix TTC', 'OBSERVATIONS', 'Signature du client', 'Signature de l’intervenant']) {
    expect(above, label).toContain(label);
  }
  for (const label of ['COUPON INTERVENANT', 'N° de la demande', 'Date de l’intervention', 'Type de prestation', 'Signature du client', 'Signature de l’intervenant']) {
    expect(below, label).toContain(label);
  }
}

describe('the sheet’s layout with hostile text', () => {
  it('when the data is ordinary, then the page passes the same layout checks (the checks are not vacuous)', async () => {
    const pdf = await readPdf(await renderSheetPdf(base, new Date('2026-11-20T10:00:00Z')));
    expect(pdf.pages).toHaveLength(1);
    checkLayout(pdf.pages[0]);
    expect(pdf.pages[0].items.filter((i) => i.str.includes('R0001481')).length).toBeGreaterThanOrEqual(2);
  });

  it.each(HOSTILE)('when the order has %s, then the sheet stays one clean A4 page', async (_label, order) => {
    const pdf = await readPdf(await renderSheetPdf(order, new Date('2026-11-20T10:00:00Z')));
    expect(pdf.pages).toHaveLength(1);
    checkLayout(pdf.pages[0]);
    const text = pdf.pages[0].text;
    // The request number is still on both parts.
    expect(pdf.pages[0].items.some((i) => i.y < CUT_Y && i.str.includes(order.reference))).toBe(true);
    expect(pdf.pages[0].items.some((i) => i.y > CUT_Y && i.str.includes(order.reference))).toBe(true);
    expect(text).not.toMatch(/\ufffd/);
  });

  it('when a name is too long for its box, then it is cut with an ellipsis rather than overflowing', async () => {
    const pdf = await readPdf(await renderSheetPdf(HOSTILE[0][1], new Date('2026-11-20T10:00:00Z')));
    const nameRuns = pdf.pages[0].items.filter((i) => i.str.includes('Wolfeschlegel'));
    expect(nameRuns.length).toBeGreaterThan(0);
    expect(pdf.pages[0].items.some((i) => i.str.endsWith('…'))).toBe(true);
  });

  it('when a reversed (RLO) name is printed, then it reads as stored, not mirrored, and accents survive', async () => {
    const pdf = await readPdf(await renderSheetPdf(HOSTILE[1][1], new Date('2026-11-20T10:00:00Z')));
    const text = pdf.pages[0].text.replace(/\u00a0/g, ' ');
    expect(text).toContain('Karim ilanebf');
    expect(text).toContain('Élodie Durand');
    expect(text).toContain('12 rue des[31m Lilas 75011 Paris');
  });

  it('when a name is in another script, then letters with diacritics keep their base letter and the rest shows as "?"', async () => {
    const pdf = await readPdf(await renderSheetPdf(HOSTILE[2][1], new Date('2026-11-20T10:00:00Z')));
    const text = pdf.pages[0].text;
    expect(text).toContain('Lukasz Stefan Nguyen');
    expect(text).toContain('????');
  });
});

describe('hostile data through the API', () => {
  let t: TestApp;
  let coordinator: request.Agent;
  beforeAll(async () => {
    t = await createTestApp();
    coordinator = await t.as('coordinator');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('when the stored client and partner carry hostile names and the order a hostile address, then the served sheet and the day’s batch stay clean', async () => {
    const order = await t.db('orders').where('status', 'accepted').orderBy('startsAt', 'desc').first();
    // Within the columns' lengths (PostgreSQL enforces them) and without NUL (PostgreSQL text refuses it).
    await t.db('clients').where('id', order.clientId).update({ firstName: `\u202e${LONG.slice(0, 90)}\u0007`, lastName: `${LONG.slice(0, 80)} محمد 😀\u200b` });
    await t.db('partners').where('id', order.partnerId).update({ firstName: '\u200f' + 'Anne-'.repeat(19), lastName: LONG.slice(0, 100) });
    await t.db('orders').where('id', order.id).update({ address: `${'Appartement 12, '.repeat(18)}\u0001\u202e`, city: `Ville ${LONG}`.slice(0, 100) });

    const res = await coordinator.get(`/api/orders/${order.id}/sheet.pdf`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const pdf = await readPdf(res.body as Buffer);
    expect(pdf.pages).toHaveLength(1);
    checkLayout(pdf.pages[0]);

    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(order.startsAt));
    const batch = await coordinator.get(`/api/sheets.pdf?date=${day}`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const all = await readPdf(batch.body as Buffer);
    for (const page of all.pages) checkLayout(page);
    expect(all.pages.some((p) => p.text.includes(order.reference))).toBe(true);
  });
});
