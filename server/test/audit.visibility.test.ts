/**
 * The audit trail is never a side door (CONTRACT.md "Demo accounts"): each role reads only
 * the entries about records it may read — the list filtered in SQL (pages and totals count
 * what the role sees), a single entry outside it a 404 — and their before/after masked as
 * those records, numbers typed into free text included. One regression test per finding, per
 * role, then the whole role × resource table with shared/permissions.ts as the oracle. Runs on
 * SQLite and, with TEST_DATABASE_URL, on PostgreSQL.
 */
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_RESOURCES, can, canReadAuditOf, ROLES, type Role } from '../../shared/permissions';
import { demoPdf } from '../../db/seeds/demoFiles';
import { DEMO_USERS } from '../../db/seeds/demo';
import { recordAudit } from '../audit/recordAudit';
import { createTestApp, listUrl, TEST_NOW, type TestApp } from './harness';
import { expectError, MASKED_IBAN, VALID_IBAN, type TestRow } from './helpers';


const GROUPED_IBAN = 'FR76 3000 6000 0112 3456 7890 189';
const CARD = '4242 4242 4242 4242';
const APPLICANT = 7; // an applicant of the demo data: documents may be uploaded to its file
const MASKED_FOR: readonly Role[] = ROLES.filter((r) => r !== 'support' && r !== 'admin');

/** The total of a `Content-Range` header (`audit-log 0-4/5` → 5; an empty page ends in `/0`). */
function totalOf(res: request.Response): number {
  const m = /\/(\d+)$/.exec(String(res.headers['content-range']));
  if (!m) throw new Error(`no Content-Range in ${res.status} ${res.text}`);
  return Number(m[1]);
}

describe('audit trail visibility', () => {
  let t: TestApp;
  let caseId: number;
  let documentId: number;
  let signalId: number;
  let staffId: number;

  async function auditList(role: Role, filter: TestRow, range: [number, number] = [0, 999]) {
    const res = await (await t.as(role)).get(listUrl('audit-log', { filter, range, sort: ['id', 'ASC'] }));
    expect(res.status, res.text).toBe(200);
    return { rows: res.body as TestRow[], total: totalOf(res), text: res.text };
  }

  /** Entry ids of a record, straight from the table (what exists, whoever may read it). */
  async function entryIds(resource: string, resourceId: number | string): Promise<number[]> {
    const rows = await t.db('auditLog').select('id').where({ resource, resourceId: String(resourceId) }).orderBy('id');
    return rows.map((r: TestRow) => Number(r.id));
  }

  beforeAll(async () => {
    t = await createTestApp();
    const mediator = await t.as('mediator');
    const order = await t.db('orders').where('status', 'completed').whereNotNull('partnerId').orderBy('id').first();
    const created = await mediator.post('/api/cases').send({
      category: 'billing',
      orderId: Number(order.id),
      writtenComplaintAt: new Date(TEST_NOW.getTime() - 5 * 86_400_000).toISOString(),
      description: `Le client conteste un prélèvement sur ${VALID_IBAN}.`,
    });
    expect(created.status, created.text).toBe(201);
    caseId = created.body.id;
    for (const event of [
      { type: 'message_in', body: `Bonjour, remboursez-moi sur ${GROUPED_IBAN} ou sur ma carte ${CARD}.` },
      { type: 'note', body: 'Client déjà remboursé une fois en 2025.' },
    ]) {
      const res = await mediator.post(`/api/cases/${caseId}/events`).send(event);
      expect(res.status, res.text).toBe(201);
    }

    const support = await t.as('support');
    const upload = await support
      .post(`/api/partners/${APPLICANT}/documents`)
      .field('type', 'identity')
      .attach('file', demoPdf(['Carte nationale d’identité', 'Audit']), { filename: 'cni-durand.pdf', contentType: 'application/pdf' });
    expect(upload.status, upload.text).toBe(201);
    documentId = upload.body.id;
    const taken = await support.post(`/api/partners/${APPLICANT}/take`).send({});
    expect(taken.status, taken.text).toBe(200);
    const rejected = await support.post(`/api/documents/${documentId}/reject`).send({ reason: 'Photo illisible, nom du titulaire tronqué' });
    expect(rejected.status, rejected.text).toBe(200);

    const signal = await mediator.post('/api/signals').send({ partnerId: Number(order.partnerId), reason: 'aggressive_to_clients', note: 'Voir le dossier.', caseId });
    expect(signal.status, signal.text).toBe(201);
    signalId = signal.body.id;

    const staff = await (await t.as('admin')).post('/api/users').send({ email: 'nouvel.agent@demo.test', fullName: 'Nouvel Agent', role: 'support', password: 'long-enough-pw' });
    expect(staff.status, staff.text).toBe(201);
    staffId = staff.body.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('a case’s entries (descriptions, mail bodies, notes) and the coordinator', () => {
    it('when the coordinator filters the audit log on a case, then no entry and a total of 0, though the case has entries', async () => {
      expect(can('coordinator', 'cases', 'list')).toBe(false);
      expect((await entryIds('cases', caseId)).length).toBeGreaterThanOrEqual(3);
      const { rows, total, text } = await auditList('coordinator', { resource: 'cases', resourceId: String(caseId) });
      expect(rows).toEqual([]);
      expect(total).toBe(0);
      expect(text).not.toContain('remboursez-moi');
    });

    it('when the coordinator asks for each of the case’s entries by id (show, and the list by ids), then 404 and an empty list', async () => {
      const coordinator = await t.as('coordinator');
      const ids = await entryIds('cases', caseId);
      for (const id of ids) expectError(await coordinator.get(`/api/audit-log/${id}`), 404, 'not_found');
      const many = await coordinator.get(listUrl('audit-log', { filter: { id: ids } }));
      expect(many.status).toBe(200);
      expect(many.body).toEqual([]);
      expect(totalOf(many)).toBe(0);
    });

    it('when the coordinator reads the case’s events directly, then 403 — the same refusal the audit log now gives', async () => {
      expectError(await (await t.as('coordinator')).get(`/api/cases/${caseId}/events`), 403, 'forbidden');
    });

    it('when support (who may not read cases) filters on the case, then no entry either', async () => {
      expect(can('support', 'cases', 'list')).toBe(false);
      const { rows, total } = await auditList('support', { resource: 'cases', resourceId: String(caseId) });
      expect(rows).toEqual([]);
      expect(total).toBe(0);
    });

    it('when ops (who may read a case but not its events) filters on the case, then the case’s own entries only, the description’s IBAN masked', async () => {
      expect(can('ops', 'cases', 'show') && !can('ops', 'cases', 'events')).toBe(true);
      const { rows, total, text } = await auditList('ops', { resource: 'cases', resourceId: String(caseId) });
      expect(rows.length).toBeGreaterThan(0);
      expect(total).toBe(rows.length);
      expect(rows.every((r) => !String(r.action).startsWith('cases.event.'))).toBe(true);
      const create = rows.find((r) => r.action === 'cases.create');
      expect(create?.after.description).toBe('Le client conteste un prélèvement sur FR76 •••• 0189.');
      expect(text).not.toContain(VALID_IBAN);
      expect(text).not.toContain('remboursez-moi');
      const event = (await t.db('auditLog').where({ resource: 'cases', resourceId: String(caseId), action: 'cases.event.message_in' }).first()) as TestRow;
      expectError(await (await t.as('ops')).get(`/api/audit-log/${event.id}`), 404, 'not_found');
    });

    it('when the mediator reads the incoming mail’s entry, then the IBAN typed in its body is masked (mediators see IBANs masked) and the card number too', async () => {
      const { rows, text } = await auditList('mediator', { resource: 'cases', resourceId: String(caseId), action: 'cases.event.message_in' });
      expect(rows).toHaveLength(1);
      expect(rows[0].after.body).toBe('Bonjour, remboursez-moi sur FR76 •••• 0189 ou sur ma carte •••• 4242.');
      expect(text).not.toContain(GROUPED_IBAN);
      expect(text).not.toContain(CARD);
      const show = await (await t.as('mediator')).get(`/api/audit-log/${rows[0].id}`);
      expect(show.status).toBe(200);
      expect(show.body.after.body).toBe(rows[0].after.body);
      expect(show.body.actorName).toBe(DEMO_USERS.find((u) => u.role === 'mediator')!.fullName);
    });

    it('when admin reads the same entry, then the IBAN is in full (admin sees IBANs) and the card number still masked (no role sees one)', async () => {
      const { rows } = await auditList('admin', { resource: 'cases', resourceId: String(caseId), action: 'cases.event.message_in' });
      expect(rows[0].after.body).toBe(`Bonjour, remboursez-moi sur ${GROUPED_IBAN} ou sur ma carte •••• 4242.`);
    });
  });

  describe('documents, signals and staff accounts for the roles the table refuses them', () => {
    const cases: Array<[string, () => [string, number]]> = [
      ['documents', () => ['documents', documentId]],
      ['signals', () => ['signals', signalId]],
      ['users', () => ['users', staffId]],
    ];
    const rows = cases.flatMap(([resource, target]) => ROLES.filter((role) => !can(role, resource as never, 'list')).map((role) => [role, resource, target] as const));

    it('when the table is read, then ops, mediator and coordinator are refused documents and staff accounts, and mediator and coordinator signals', () => {
      const refused = rows.map(([role, resource]) => `${role}:${resource}`);
      for (const r of ['ops:documents', 'mediator:documents', 'coordinator:documents', 'mediator:signals', 'coordinator:signals', 'ops:users', 'mediator:users', 'coordinator:users']) expect(refused).toContain(r);
    });

    it.each(rows.map(([role, resource, target]) => [role, resource, target] as const))('when %s filters the audit log on %s, then no entry, total 0, and the record’s entries are 404', async (role, _resource, target) => {
      const [resource, id] = target();
      const ids = await entryIds(resource, id);
      expect(ids.length).toBeGreaterThan(0);
      const byRecord = await auditList(role, { resource, resourceId: String(id) });
      expect(byRecord.rows).toEqual([]);
      expect(byRecord.total).toBe(0);
      const byResource = await auditList(role, { resource }, [0, 0]);
      expect(byResource.total).toBe(0);
      for (const entry of ids) expectError(await (await t.as(role)).get(`/api/audit-log/${entry}`), 404, 'not_found');
    });

    it('when ops, mediator or coordinator list the whole audit log, then no document detail (holder, rejection reason, file name) appears anywhere', async () => {
      for (const role of ['ops', 'mediator', 'coordinator'] as const) {
        const { text } = await auditList(role, {}, [0, 999]);
        expect(text, role).not.toContain('Photo illisible');
        expect(text, role).not.toContain('cni-durand.pdf');
        expect(text, role).not.toContain('nouvel.agent@demo.test');
      }
    });
  });

  describe('support and admin keep what they may read', () => {
    it('when support filters on the document, then its upload and rejection with the reason and the file name, by Sophie Support', async () => {
      const { rows, total } = await auditList('support', { resource: 'documents', resourceId: String(documentId) });
      expect(rows.map((r) => r.action)).toEqual(['documents.create', 'documents.reject']);
      expect(total).toBe(2);
      expect(rows[1].after.rejectionReason).toBe('Photo illisible, nom du titulaire tronqué');
      expect(rows[0].after.fileName).toBe('cni-durand.pdf');
      expect(rows[1].actorName).toBe('Sophie Support');
    });

    it('when ops filters on the signal (ops reads signals), then the mediator’s filing', async () => {
      const { rows } = await auditList('ops', { resource: 'signals', resourceId: String(signalId) });
      expect(rows.map((r) => r.action)).toEqual(['signals.create']);
    });

    it('when admin filters on each record, then every entry the table holds', async () => {
      for (const [resource, id] of [['cases', caseId], ['documents', documentId], ['signals', signalId], ['users', staffId]] as const) {
        const { rows, total } = await auditList('admin', { resource, resourceId: String(id) });
        expect(rows.map((r) => r.id)).toEqual(await entryIds(resource, id));
        expect(total).toBe(rows.length);
      }
    });

    it('when admin exports the partner’s personal data (GDPR), then its audit trail follows the same rule: IBAN in full for admin, card number masked', async () => {
      const partnerId = Number((await t.db('cases').where('id', caseId).first()).partnerId);
      const res = await (await t.as('admin')).get(`/api/partners/${partnerId}/export`);
      expect(res.status).toBe(200);
      const mail = (res.body.auditTrail as TestRow[]).find((e) => e.action === 'cases.event.message_in' && e.resourceId === String(caseId));
      expect(mail?.after.body).toBe(`Bonjour, remboursez-moi sur ${GROUPED_IBAN} ou sur ma carte •••• 4242.`);
      expect(JSON.stringify(res.body.auditTrail)).not.toContain(CARD);
    });
  });

  describe('the whole table: every role × every audit resource (shared/permissions.ts is the oracle)', () => {
    const MARKER = 'visibility-table';
    /** What may read an entry of `resource`, straight from the permission table. */
    const oracle = (role: Role, resource: string): boolean => {
      if (resource === 'partner-checks') return can(role, 'partners', 'checks');
      if ((AUDIT_RESOURCES as readonly string[]).includes(resource)) return can(role, resource as never, 'list');
      return role === 'admin';
    };
    const resources = [...AUDIT_RESOURCES, 'favourites', 'messages'];

    beforeAll(async () => {
      for (const resource of resources) {
        await recordAudit(t.db, { action: `${resource}.update`, resource, resourceId: MARKER, before: { iban: VALID_IBAN }, after: { note: `IBAN ${VALID_IBAN}` }, at: TEST_NOW });
      }
      // A case's timeline entry, readable only with the case's events.
      await recordAudit(t.db, { action: 'cases.event.note', resource: 'cases', resourceId: MARKER, after: { body: 'note interne' }, at: TEST_NOW });
    });

    it.each(ROLES.flatMap((role) => resources.map((resource) => [role, resource] as const)))('when %s filters on %s, then it gets the entry iff the table lets it read the resource', async (role, resource) => {
      const { rows, total } = await auditList(role, { resource, resourceId: MARKER, action: `${resource}.update` });
      const may = oracle(role, resource);
      expect(rows.length).toBe(may ? 1 : 0);
      expect(total).toBe(rows.length);
      if (may) {
        const ibanShown = role === 'support' || role === 'admin';
        expect(rows[0].before.iban === VALID_IBAN).toBe(ibanShown);
        if (!ibanShown) expect(rows[0].before.iban).toMatch(MASKED_IBAN);
        expect(rows[0].after.note).toBe(ibanShown ? `IBAN ${VALID_IBAN}` : 'IBAN FR76 •••• 0189');
      }
    });

    it.each(ROLES)('when %s lists every marker entry, then exactly the readable resources, and the total says so', async (role) => {
      const { rows, total } = await auditList(role, { resourceId: MARKER });
      const expected = resources.filter((r) => oracle(role, r)).sort();
      const timeline = can(role, 'cases', 'events') ? 1 : 0;
      expect(rows.filter((r) => r.action !== 'cases.event.note').map((r) => r.resource).sort()).toEqual(expected);
      expect(rows.filter((r) => r.action === 'cases.event.note')).toHaveLength(timeline);
      expect(total).toBe(expected.length + timeline);
    });

    it.each(ROLES)('when %s pages through the whole audit log, then the total is the count of entries the shared rule admits (SQL = rule)', async (role) => {
      const all = (await t.db('auditLog').select('resource', 'action')) as TestRow[];
      const admitted = all.filter((e) => canReadAuditOf(role, String(e.resource), String(e.action))).length;
      const first = await auditList(role, {}, [0, 9]);
      expect(first.total).toBe(admitted);
      expect(first.rows.length).toBe(Math.min(10, admitted));
    });
  });
});
