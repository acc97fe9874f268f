/**
 * Issue 8 — personal-data requests (GDPR): an admin exports everything held about a partner
 * or a client as JSON; nobody else may; every export is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/permissions';
import { createTestApp, TEST_NOW, type TestApp } from './harness';
import { expectError } from './helpers';

describe('personal-data export', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A partner with orders, documents and a limitation in the demo data. */
  async function busyPartner(): Promise<number> {
    const row = await t
      .db('partners')
      .whereExists((q) => q.select(1).from('orders').whereRaw('"orders"."partnerId" = "partners"."id"'))
      .whereExists((q) => q.select(1).from('documents').whereRaw('"documents"."partnerId" = "partners"."id"'))
      .orderBy('id')
      .first();
    return Number(row.id);
  }

  it('when an admin exports a partner, then the JSON holds the full record (IBAN unmasked), every related table, and the audit trail; the export is audited', async () => {
    const id = await busyPartner();
    const admin = await t.as('admin');
    const res = await admin.get(`/api/partners/${id}/export`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="partner-.*-personal-data\.json"$/);
    const partner = await t.db('partners').where('id', id).first();
    expect(res.body).toMatchObject({
      subject: { resource: 'partners', id, reference: partner.reference },
      exportedAt: TEST_NOW.toISOString(),
      exportedBy: { email: 'admin@demo.test' },
      record: { id, email: partner.email, iban: partner.iban, lastName: partner.lastName },
    });
    expect(res.body.record).not.toHaveProperty('searchText');
    const count = async (table: string) => Number((await t.db(table).where('partnerId', id).count({ n: '*' }).first())?.n);
    expect(res.body.related.orders).toHaveLength(await count('orders'));
    expect(res.body.related.documents).toHaveLength(await count('documents'));
    expect(res.body.related.documents[0]).toMatchObject({ download: `/api/documents/${res.body.related.documents[0].id}/file` });
    expect(res.body.related.documents[0]).not.toHaveProperty('storedName');
    expect(res.body.related.partnerServices).toHaveLength(await count('partnerServices'));
    for (const [table, rows] of Object.entries(res.body.related as Record<string, unknown[]>)) expect(rows.length, table).toBeGreaterThan(0);
    expect(res.body.related).not.toHaveProperty('engineDeadlines');

    const audit = await t.db('auditLog').where({ action: 'partners.export', resourceId: String(id) });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].after).exported.orders).toBe(res.body.related.orders.length);
    // The export's own audit row does not carry the data.
    expect(audit[0].after).not.toContain(partner.email);

    // A second export lists the first in its audit trail.
    const again = await admin.get(`/api/partners/${id}/export`);
    expect(again.body.auditTrail.map((a: { action: string }) => a.action)).toContain('partners.export');
  });

  it('when an admin exports a client, then the JSON holds the client, their orders with payments, reviews and cases', async () => {
    const row = await t.db('clients').whereExists((q) => q.select(1).from('orders').whereRaw('"orders"."clientId" = "clients"."id"')).orderBy('id').first();
    const id = Number(row.id);
    const res = await (await t.as('admin')).get(`/api/clients/${id}/export`);
    expect(res.status).toBe(200);
    expect(res.body.record).toMatchObject({ id, email: row.email });
    const orders = await t.db('orders').where('clientId', id).select('id');
    expect(res.body.related.orders.map((o: { id: number }) => o.id).sort()).toEqual(orders.map((o) => o.id).sort());
    const payments = await t.db('payments').whereIn('orderId', orders.map((o) => o.id));
    expect(res.body.related.payments ?? []).toHaveLength(payments.length);
    expect(await t.db('auditLog').where({ action: 'clients.export', resourceId: String(id) })).toHaveLength(1);
  });

  it.each(ROLES.filter((r) => r !== 'admin'))('when %s asks for an export, then 403 and nothing is audited', async (role) => {
    const before = Number((await t.db('auditLog').where('action', 'like', '%.export').count({ n: '*' }).first())?.n);
    expectError(await (await t.as(role)).get('/api/partners/1/export'), 403, 'forbidden');
    expectError(await (await t.as(role)).get('/api/clients/1/export'), 403, 'forbidden');
    expect(Number((await t.db('auditLog').where('action', 'like', '%.export').count({ n: '*' }).first())?.n)).toBe(before);
  });

  it('when the person does not exist, then 404 and nothing is audited', async () => {
    const admin = await t.as('admin');
    expectError(await admin.get('/api/partners/999999/export'), 404, 'not_found');
    expect(await t.db('auditLog').where({ action: 'partners.export', resourceId: '999999' })).toHaveLength(0);
    // A path id that is not a number names no record: 404, as for every other resource.
    expectError(await admin.get('/api/clients/abc/export'), 404, 'not_found');
  });
});
