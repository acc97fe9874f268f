/**
 * `GET /api/{resource}.csv` (CONTRACT.md "HTTP"): every row of the list's sort and filter,
 * streamed in batches, for the roles that may list the resource, masked as the list, as a
 * French Excel file (`;`, UTF-8 BOM, CRLF, formula-escaped cells).
 */
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, RESOURCES, ROLES, type Role } from '../../shared/permissions';
import { recordAudit } from '../audit/recordAudit';
import { CSV_BATCH_ROWS } from '../export/streamCsv';
import { createTestApp, listUrl, TEST_NOW, type TestApp } from './harness';
import { expectError, MASKED_IBAN, VALID_IBAN } from './helpers';
import type { JsonObject } from '../../shared/json';
import type { ApiRecord } from '../http/resource';

interface Csv {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
  /** The cells of each line after the header. */
  rows: string[][];
  header: string[];
}

/** RFC 4180 with `;`: quoted cells may hold `;`, CR, LF and doubled quotes. */
function parseCsv(text: string): string[][] {
  const lines: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      cells.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      cells.push(cell);
      lines.push(cells);
      cells = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || cells.length) throw new Error(`the file does not end with CRLF: ${JSON.stringify(text.slice(-40))}`);
  return lines;
}

function csvUrl(resource: string, q: { sort?: [string, string]; filter?: JsonObject } = {}): string {
  return listUrl(resource, q).replace(`/api/${resource}`, `/api/${resource}.csv`);
}

async function getCsv(agent: request.Agent, url: string, language?: string): Promise<Csv> {
  let req = agent.get(url);
  if (language) req = req.set('Accept-Language', language);
  const res = await req.buffer(true).parse((r, done) => {
    const chunks: Buffer[] = [];
    r.on('data', (c: Buffer) => chunks.push(c));
    r.on('end', () => done(null, Buffer.concat(chunks)));
  });
  const bytes = res.body as Buffer;
  expect(res.status, bytes.toString('utf8').slice(0, 300)).toBe(200);
  const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
  return { status: res.status, headers: res.headers as Record<string, string>, bytes, rows, header };
}

/** Every row of a list through its JSON pages (the reference the CSV must match). */
async function listAll(agent: request.Agent, resource: string, q: { sort?: [string, string]; filter?: JsonObject }) {
  const rows: ApiRecord[] = [];
  for (let start = 0; ; start += 1000) {
    const res = await agent.get(listUrl(resource, { ...q, range: [start, start + 999] }));
    expect(res.status).toBe(200);
    rows.push(...res.body);
    if (res.body.length < 1000) return rows;
  }
}

describe('CSV exports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('the file format', () => {
    it('when an order export is downloaded, then it is a UTF-8 file with a BOM, `;` separators, CRLF lines and French headers, as an attachment named for the resource and the day', async () => {
      const csv = await getCsv(await t.as('admin'), csvUrl('orders', { filter: { status: 'completed' } }));
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="orders-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(csv.headers['cache-control']).toBe('no-store');
      const text = csv.bytes.subarray(3).toString('utf8');
      expect(text.split('\r\n')[0]).toBe('Référence;Client;Partenaire;Prestation;Début;Fin;Statut;Prix;Rémunération partenaire;Créée le;Bon signé le');
      expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
      for (const row of csv.rows) expect(row).toHaveLength(csv.header.length);
      const statusAt = csv.header.indexOf('Statut');
      expect(new Set(csv.rows.map((r) => r[statusAt]))).toEqual(new Set(['Réalisée']));
      // Money in euros with a decimal comma, instants in Paris time.
      const priceAt = csv.header.indexOf('Prix');
      for (const row of csv.rows) expect(row[priceAt]).toMatch(/^\d+,\d{2}$/);
      expect(csv.rows[0][csv.header.indexOf('Début')]).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    });

    it('when the request asks for English, then the headers and the labels are in English only', async () => {
      const csv = await getCsv(await t.as('admin'), csvUrl('orders', { filter: { status: 'completed' } }), 'en');
      expect(csv.header[0]).toBe('Reference');
      const statusAt = csv.header.indexOf('Status');
      expect(statusAt).toBeGreaterThan(0);
      expect(new Set(csv.rows.map((r) => r[statusAt]))).toEqual(new Set(['Completed']));
    });

    it('when an instant and a business date are exported, then they read in Paris time and the Paris calendar', async () => {
      const [order] = await t.db('orders').select('id', 'reference').orderBy('id').limit(1);
      await t.db('orders').where('id', order.id).update({ startsAt: '2026-07-14T22:30:00.000Z', endsAt: '2026-01-05T07:15:00.000Z' });
      const csv = await getCsv(await t.as('admin'), csvUrl('orders', { filter: { id: [order.id] } }));
      expect(csv.rows).toHaveLength(1);
      expect(csv.rows[0][csv.header.indexOf('Début')]).toBe('15/07/2026 00:30');
      expect(csv.rows[0][csv.header.indexOf('Fin')]).toBe('05/01/2026 08:15');
    });

    it('when a cell starts with = + - @ or a tab, then it is prefixed with a quote so that Excel shows it as text (formula injection)', async () => {
      const [partner] = await t.db('partners').select('id').orderBy('id').limit(1);
      await t.db('partners').where('id', partner.id).update({
        lastName: '=HYPERLINK("http://evil.test";"ok")',
        firstName: '+33 6 12',
        city: '@SUM(A1)',
        phone: '-2+3',
        email: '\tcmd',
        postcode: ';x',
      });
      const csv = await getCsv(await t.as('support'), csvUrl('partners', { filter: { id: [partner.id] } }));
      const text = csv.bytes.toString('utf8');
      expect(text).toContain('"\'=HYPERLINK(""http://evil.test"";""ok"")"');
      const row = csv.rows[0];
      const cell = (label: string) => row[csv.header.indexOf(label)];
      expect(cell('Nom')).toBe('\'=HYPERLINK("http://evil.test";"ok")');
      expect(cell('Prénom')).toBe("'+33 6 12");
      expect(cell('Ville')).toBe("'@SUM(A1)");
      expect(cell('Téléphone')).toBe("'-2+3");
      expect(cell('E-mail')).toBe("'\tcmd");
      expect(cell('Code postal')).toBe(';x');
    });
  });

  describe('the rows: the list’s own', () => {
    it(`when every order is exported (more than one batch of ${CSV_BATCH_ROWS}), then the file holds exactly the list’s rows in the list’s order`, async () => {
      const admin = await t.as('admin');
      const list = await listAll(admin, 'orders', {});
      expect(list.length).toBeGreaterThan(CSV_BATCH_ROWS);
      const csv = await getCsv(admin, csvUrl('orders'));
      expect(csv.rows.map((r) => r[0])).toEqual(list.map((o) => o.reference));
    });

    it.each([
      ['reference', 'ASC'],
      ['sheetSignedAt', 'ASC'],
      ['sheetSignedAt', 'DESC'],
      ['partnerId', 'DESC'],
      ['priceCents', 'ASC'],
    ] as const)('when orders are exported sorted by %s %s (ties and nulls across batches), then the order is the list’s', async (field, order) => {
      const admin = await t.as('admin');
      const list = await listAll(admin, 'orders', { sort: [field, order] });
      const csv = await getCsv(admin, csvUrl('orders', { sort: [field, order] }));
      expect(csv.rows.map((r) => r[0])).toEqual(list.map((o) => o.reference));
    });

    it('when a filter (a value, a range and a search) is given, then the file holds exactly the filtered list', async () => {
      const admin = await t.as('admin');
      const filter = { status: ['completed', 'accepted'], priceCents_gte: 3000, q: 'lyon' };
      const list = await listAll(admin, 'orders', { filter, sort: ['priceCents', 'DESC'] });
      expect(list.length).toBeGreaterThan(0);
      const csv = await getCsv(admin, csvUrl('orders', { filter, sort: ['priceCents', 'DESC'] }));
      expect(csv.rows.map((r) => r[0])).toEqual(list.map((o) => o.reference));
    });

    it('when nothing matches, then the file holds the header only', async () => {
      const csv = await getCsv(await t.as('admin'), csvUrl('orders', { filter: { reference: 'NOPE' } }));
      expect(csv.header.length).toBeGreaterThan(3);
      expect(csv.rows).toEqual([]);
    });

    it.each([
      ['an unknown filter field', { filter: JSON.stringify({ nope: 1 }) }],
      ['a filter that is not JSON', { filter: '{' }],
      ['a bad enum value', { filter: JSON.stringify({ status: 'lost' }) }],
      ['an unknown sort field', { sort: JSON.stringify(['address', 'ASC']) }],
      ['a range (the export has no page cap)', { range: JSON.stringify([0, 9]) }],
      ['an unknown parameter', { page: '2' }],
    ])('when the export is asked with %s, then it is a 400 invalid_request, not a file nor a 500', async (_what, query) => {
      const admin = await t.as('admin');
      const res = await admin.get(`/api/orders.csv?${new URLSearchParams(query).toString()}`);
      expectError(res, 400, 'invalid_request');
    });

    it('when the bad request asks for English, then its message is in English only', async () => {
      const res = await (await t.as('admin')).get(`/api/orders.csv?range=${encodeURIComponent('[0,9]')}`).set('Accept-Language', 'en');
      const err = expectError(res, 400, 'invalid_request');
      expect(err.message).toMatch(/range/);
      expect(err.message).not.toMatch(/lignes/);
    });
  });

  describe('people and orders by name', () => {
    it('when orders are exported, then the client and the partner are their names with their references, not ids', async () => {
      const admin = await t.as('admin');
      const [order] = await t.db('orders').whereNotNull('partnerId').select('reference', 'clientId', 'partnerId').orderBy('id').limit(1);
      const client = await t.db('clients').where('id', order.clientId).first('firstName', 'lastName', 'reference');
      const partner = await t.db('partners').where('id', order.partnerId).first('firstName', 'lastName', 'reference');
      const csv = await getCsv(admin, csvUrl('orders', { filter: { reference: order.reference } }));
      expect(csv.rows).toHaveLength(1);
      expect(csv.rows[0][1]).toBe(`${client.firstName} ${client.lastName} (${client.reference})`);
      expect(csv.rows[0][2]).toBe(`${partner.firstName} ${partner.lastName} (${partner.reference})`);
    });

    it('when cases are exported, then their assignee is a colleague’s name for every role that lists cases, not an id', async () => {
      const order = await t.db('orders').where('status', 'completed').whereNotNull('partnerId').orderBy('id').first('id');
      const created = await (await t.as('mediator')).post('/api/cases').send({ category: 'billing', orderId: Number(order.id), writtenComplaintAt: TEST_NOW.toISOString() });
      expect(created.status, created.text).toBe(201);
      const row = { id: created.body.id as number, reference: created.body.reference as string };
      const user = await t.db('users').where('role', 'mediator').first('id', 'fullName');
      await t.db('cases').where('id', row.id).update({ assignedTo: user.id });
      for (const role of ['admin', 'mediator', 'ops'] as const) {
        const csv = await getCsv(await t.as(role), csvUrl('cases', { filter: { reference: row.reference } }));
        const column = csv.header.indexOf('Suivi par');
        expect(column, role).toBeGreaterThan(-1);
        expect(csv.rows[0][column], role).toBe(user.fullName);
      }
    });
  });

  describe('roles', () => {
    const cases = ROLES.flatMap((role) => RESOURCES.map((resource) => [role, resource, can(role, resource, 'list')] as const));

    it.each(cases)('when %s exports %s, then the answer follows the list permission (may list: %s)', async (role, resource, allowed) => {
      const agent = await t.as(role);
      if (!allowed) {
        expectError(await agent.get(`/api/${resource}.csv`), 403, 'forbidden');
        return;
      }
      const csv = await getCsv(agent, `/api/${resource}.csv`);
      const total = Number(/\/(\d+)$/.exec((await agent.get(listUrl(resource, { range: [0, 0] }))).headers['content-range'])?.[1]);
      expect(csv.rows).toHaveLength(total);
    });

    it('when signed out, then the export is a 401', async () => {
      expectError(await t.anonymous().get('/api/orders.csv'), 401, 'not_authenticated');
    });

    it('when a coordinator exports the audit trail, then it holds only the entries the coordinator’s list shows (no document, no case)', async () => {
      for (const resource of ['documents', 'cases']) {
        await recordAudit(t.db, { action: `${resource}.update`, resource, resourceId: 1, after: { note: 'x' }, at: new Date() });
      }
      const coordinator = await t.as('coordinator');
      const list = await listAll(coordinator, 'audit-log', { sort: ['id', 'ASC'] });
      const csv = await getCsv(coordinator, csvUrl('audit-log', { sort: ['id', 'ASC'] }));
      expect(csv.rows).toHaveLength(list.length);
      const adminCsv = await getCsv(await t.as('admin'), csvUrl('audit-log', { filter: { resource: ['documents', 'cases'] } }));
      expect(adminCsv.rows.length).toBeGreaterThan(0);
      const none = await getCsv(coordinator, csvUrl('audit-log', { filter: { resource: ['documents', 'cases'] } }));
      expect(none.rows).toEqual([]);
    });
  });

  describe('masking', () => {
    let partnerId: number;
    let oldIban: string;
    beforeAll(async () => {
      const partner = await t.db('partners').select('id', 'iban').whereNotNull('iban').orderBy('id').first();
      partnerId = partner.id;
      oldIban = partner.iban;
      const res = await (await t.as('support')).put(`/api/partners/${partnerId}`).send({ iban: VALID_IBAN });
      expect(res.status).toBe(200);
    });

    const auditFilter = () => ({ filter: { resource: 'partners', resourceId: String(partnerId), action: 'partners.update' } });

    it.each(['ops', 'mediator', 'coordinator'] as Role[])('when %s exports the audit row of an IBAN change, then both IBANs are masked in it', async (role) => {
      const csv = await getCsv(await t.as(role), csvUrl('audit-log', auditFilter()));
      expect(csv.rows.length).toBeGreaterThanOrEqual(1);
      const text = csv.bytes.toString('utf8');
      for (const iban of [oldIban, VALID_IBAN]) {
        expect(text).not.toContain(iban);
        expect(text).not.toContain(iban.replace(/(.{4})(?!$)/g, '$1 '));
      }
      const after = JSON.parse(csv.rows[0][csv.header.indexOf('Après')]);
      expect(after.iban).toMatch(MASKED_IBAN);
    });

    it.each(['support', 'admin'] as Role[])('when %s exports the audit row of an IBAN change, then the new IBAN is there in full', async (role) => {
      const csv = await getCsv(await t.as(role), csvUrl('audit-log', auditFilter()));
      const after = JSON.parse(csv.rows[0][csv.header.indexOf('Après')]);
      expect(String(after.iban).replace(/\s/g, '')).toBe(VALID_IBAN);
    });

    it('when ops exports the partners, then no full IBAN nor birth date is anywhere in the file', async () => {
      const csv = await getCsv(await t.as('ops'), csvUrl('partners'));
      const text = csv.bytes.toString('utf8').replace(/\s/g, '');
      const real = await t.db('partners').select('iban', 'birthDate');
      for (const p of real) if (p.iban) expect(text).not.toContain(String(p.iban).replace(/\s/g, ''));
      expect(csv.rows.length).toBe(real.length);
    });
  });
});
