/**
 * The requirements table and the pure checklist (REF-1 … REF-8, VER-1 … VER-6): what each
 * kind of partner must provide, how documents, checks and the registry answer turn into
 * item statuses, the validity periods on the Paris calendar, and the REF-8 grace period.
 */
import { describe, expect, it } from 'vitest';
import {
  checklist,
  DEFAULT_SETTINGS,
  graceEnds,
  heldForIncompleteFile,
  REQUIREMENTS,
  requiredFacts,
  requirementsFor,
  SERVICE_DOMAINS,
  validUntil,
  type ChecklistCheck,
  type ChecklistDocument,
  type ChecklistPartner,
  type RegistryState,
} from './requirements';
import { addParisDays, addParisMonths, parisDate } from '../calendar/paris';

const NOW = new Date('2026-11-20T10:00:00.000Z'); // Paris: 2026-11-20 11:00
const SIREN = '812345676';
const IBAN = 'FR7630006000011234567890189';

const wellness = (services: string[] = ['haircut']): ChecklistPartner => ({
  firstName: 'Marie',
  lastName: 'Dupont',
  vertical: 'wellness',
  services,
  siren: SIREN,
  iban: IBAN,
});
const care = (services: string[] = ['cleaning']): ChecklistPartner => ({ ...wellness(services), vertical: 'care' });

const found = (over: Partial<Extract<RegistryState, { status: 'found' }>['company']> = {}): RegistryState => ({
  status: 'found',
  company: { siren: SIREN, name: 'DUPONT Marie', active: true, nafCode: '96.02A', legalCategory: '1000', diffusion: 'O', ...over },
  checkedAt: NOW.toISOString(),
});

let nextId = 1;
function doc(type: ChecklistDocument['type'], over: Partial<ChecklistDocument> = {}): ChecklistDocument {
  return { id: nextId++, type, status: 'approved', issuedAt: '2026-01-10', expiresAt: null, createdAt: '2026-11-01T09:00:00.000Z', reviewedAt: '2026-11-02T09:00:00.000Z', ...over };
}
const passed = (kind: ChecklistCheck['kind']): ChecklistCheck => ({ id: nextId++, kind, scheduledAt: null, doneAt: '2026-11-10T09:00:00.000Z', outcome: 'passed', createdAt: '2026-11-10T09:00:00.000Z' });

function completeWellnessDocs(): ChecklistDocument[] {
  return [doc('identity', { expiresAt: '2031-05-01' }), doc('diploma', { qualification: 'cap_coiffure' })];
}
function completeCareDocs(): ChecklistDocument[] {
  return [
    doc('identity', { expiresAt: '2031-05-01', worksInFranceAuthorised: true }),
    doc('experience_proof'),
    doc('criminal_record', { issuedAt: '2026-10-20', reviewedAt: '2026-10-25T09:00:00.000Z' }),
    doc('sap_declaration'),
    doc('urssaf_attestation', { issuedAt: '2026-09-01' }),
    doc('fiscal_attestation', { issuedAt: '2026-03-01' }),
    doc('nova_attestation'),
    doc('rib', { holderName: 'Marie Dupont', iban: IBAN }),
  ];
}
const item = (c: ReturnType<typeof checklist>, code: string) => {
  const found = c.items.find((i) => i.requirement === code);
  if (!found) throw new Error(`no item ${code} in ${c.items.map((i) => i.requirement).join(', ')}`);
  return found;
};

describe('the requirements table', () => {
  it('when the table is read, then every requirement has a unique code and cites a DOMAIN (REF) or project (VER) rule', () => {
    const codes = REQUIREMENTS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of REQUIREMENTS) expect(r.rule).toMatch(/^(REF|VER)-\d/);
  });

  it('when a Wellness massage-only partner is checked, then REF-1/REF-2 (ID, IBAN, SIREN active) and the interview and skills test apply, but no diploma (REF-3: massage bien-être is not regulated)', () => {
    expect(requirementsFor(wellness(['massage'])).map((r) => r.code)).toEqual([
      'siren',
      'siren_active',
      'registry_name',
      'registry_naf',
      'iban',
      'identity',
      'interview',
      'skills_test',
    ]);
  });

  it.each([
    [['haircut'], ['diploma_hairdressing']],
    [['colouring', 'barber'], ['diploma_hairdressing']],
    [['manicure'], ['diploma_beauty']],
    [['facial', 'waxing'], ['diploma_beauty']],
    [['sport_coaching'], ['diploma_sport']],
    [['haircut', 'facial', 'sport_coaching', 'massage'], ['diploma_hairdressing', 'diploma_beauty', 'diploma_sport']],
    [['massage'], []],
  ])('when a Wellness partner offers %j, then REF-3 asks for diplomas %j', (services, diplomas) => {
    const codes = requirementsFor(wellness(services)).map((r) => r.code).filter((c) => c.startsWith('diploma_'));
    expect(codes).toEqual(diplomas);
  });

  it('when a Care partner is checked, then REF-4 (experience, ID authorising work, criminal record, SAP) and REF-5 (URSSAF, fiscal, Nova, RIB) apply, with no diploma', () => {
    const codes = requirementsFor(care(['cleaning', 'childcare'])).map((r) => r.code);
    for (const c of ['identity_work_authorisation', 'experience_proof', 'criminal_record', 'sap_declaration', 'urssaf_attestation', 'fiscal_attestation', 'nova_attestation', 'rib', 'iban']) {
      expect(codes).toContain(c);
    }
    expect(codes.filter((c) => c.startsWith('diploma_'))).toEqual([]);
    expect(codes).not.toContain('skills_test');
    expect(codes).toContain('skills_test_care');
  });

  it('when the demo services are mapped, then each one has an activity domain of its own platform', () => {
    expect(Object.keys(SERVICE_DOMAINS).sort()).toEqual(
      ['barber', 'childcare', 'cleaning', 'colouring', 'facial', 'haircut', 'ironing', 'manicure', 'massage', 'school_pickup', 'sport_coaching', 'waxing'].sort(),
    );
  });

  it('when the facts needed to approve are asked (VER-5), then they follow the table: ID expiry (+ work authorisation for Care), diploma name, issue dates, RIB holder and IBAN', () => {
    expect(requiredFacts(wellness(), 'identity')).toEqual(['expiresAt']);
    expect(requiredFacts(care(), 'identity')).toEqual(['expiresAt', 'worksInFranceAuthorised']);
    expect(requiredFacts(wellness(), 'diploma')).toEqual(['qualification']);
    expect(requiredFacts(care(), 'urssaf_attestation')).toEqual(['issuedAt']);
    expect(requiredFacts(care(), 'criminal_record')).toEqual(['issuedAt']);
    expect(requiredFacts(care(), 'rib')).toEqual(['holderName', 'iban']);
    expect(requiredFacts(care(), 'nova_attestation')).toEqual([]);
  });

  it('when the settings are read, then the REF-8 periods are there: URSSAF 6 months, criminal record 3 months, grace 30 days', () => {
    expect(DEFAULT_SETTINGS.validityMonths.urssaf_attestation).toBe(6);
    expect(DEFAULT_SETTINGS.validityMonths.criminal_record).toBe(3);
    expect(DEFAULT_SETTINGS.graceDays).toBe(30);
    expect(DEFAULT_SETTINGS.expiringSoonDays).toBe(30);
  });
});

describe('checklist()', () => {
  it('when a hairdresser has an approved ID and CAP coiffure, passed interview and skills test, and an active SIREN, then the file is complete', () => {
    const c = checklist(wellness(), completeWellnessDocs(), [passed('interview'), passed('skills_test')], found(), NOW);
    expect(c.complete).toBe(true);
    expect(c.missing).toEqual([]);
    expect(c.items.every((i) => i.status === 'ok')).toBe(true);
    expect(item(c, 'identity').documentId).toBeDefined();
  });

  it('when a Care partner has every REF-4/REF-5 document approved and the interview passed, then the file is complete (the skills test is optional for Care, VER-1)', () => {
    const c = checklist(care(), completeCareDocs(), [passed('interview')], found({ nafCode: '81.21Z' }), NOW);
    expect(c.missing).toEqual([]);
    expect(c.complete).toBe(true);
    expect(item(c, 'skills_test_care')).toMatchObject({ status: 'missing', blocking: false });
  });

  it('when a Care partner failed the optional skills test, then it blocks (REF-7: doubts raised)', () => {
    const failed: ChecklistCheck = { ...passed('skills_test'), outcome: 'failed' };
    const c = checklist(care(), completeCareDocs(), [passed('interview'), failed], found({ nafCode: '81.21Z' }), NOW);
    expect(item(c, 'skills_test_care')).toMatchObject({ status: 'rejected', blocking: true });
    expect(c.missing).toEqual(['skills_test_care']);
  });

  it('when nothing was provided, then every document item is missing, the registry is pending, and approval is blocked on each blocking requirement', () => {
    const c = checklist({ ...wellness(), siren: null, iban: null }, [], [], null, NOW);
    expect(c.complete).toBe(false);
    expect(c.missing).toEqual(['siren', 'siren_active', 'iban', 'identity', 'diploma_hairdressing', 'interview', 'skills_test']);
    expect(item(c, 'siren').status).toBe('missing');
    expect(item(c, 'registry_naf').blocking).toBe(false);
  });

  it('when the SIREN or IBAN has a bad checksum (REF-1, REF-2), then the item is rejected with the validator’s reason', () => {
    const c = checklist({ ...wellness(), siren: '812345677', iban: 'FR7630006000011234567890188' }, [], [], null, NOW);
    expect(item(c, 'siren')).toMatchObject({ status: 'rejected', blocking: true });
    expect(item(c, 'siren').warning).toMatch(/checksum|contrôle/i);
    expect(item(c, 'iban')).toMatchObject({ status: 'rejected', blocking: true });
  });

  it('when a document is pending or rejected, then the item says so and blocks', () => {
    const docs = [doc('identity', { status: 'pending', expiresAt: '2031-01-01' }), doc('diploma', { status: 'rejected', qualification: 'cap_coiffure' })];
    const c = checklist(wellness(), docs, [passed('interview'), passed('skills_test')], found(), NOW);
    expect(item(c, 'identity')).toMatchObject({ status: 'pending', blocking: true, documentId: docs[0].id });
    expect(item(c, 'diploma_hairdressing')).toMatchObject({ status: 'rejected', blocking: true, documentId: docs[1].id });
  });

  it('when an old document was rejected and a newer one approved, then the approved one counts (ok wins, then the newest)', () => {
    const old = doc('identity', { status: 'rejected', createdAt: '2026-10-01T00:00:00.000Z' });
    const fresh = doc('identity', { status: 'approved', expiresAt: '2030-01-01', createdAt: '2026-11-01T00:00:00.000Z' });
    const c = checklist(wellness(['massage']), [old, fresh], [], found({ nafCode: '96.04Z' }), NOW);
    expect(item(c, 'identity')).toMatchObject({ status: 'ok', documentId: fresh.id });
  });

  describe('validity on the Paris calendar (REF-8, VER-2)', () => {
    it('when an ID expires on 2026-11-20, then it is valid on that day and expired the day after', () => {
      const id = doc('identity', { expiresAt: '2026-11-20' });
      expect(item(checklist(wellness(['massage']), [id], [], found(), NOW), 'identity').status).toBe('ok');
      expect(item(checklist(wellness(['massage']), [id], [], found(), new Date('2026-11-20T22:59:00Z')), 'identity').status).toBe('ok');
      // 23:00 UTC on the 20th is midnight on the 21st in Paris (UTC+1 in November).
      const next = checklist(wellness(['massage']), [id], [], found(), new Date('2026-11-20T23:00:00Z'));
      expect(item(next, 'identity')).toMatchObject({ status: 'expired', blocking: true, validUntil: '2026-11-20' });
      expect(next.incompleteSince).toBe('2026-11-21');
    });

    it('when an URSSAF attestation was issued on 2026-05-20, then its last valid day is 2026-11-19 (6 months − 1 day) and it is expired on 2026-11-20', () => {
      const urssaf = doc('urssaf_attestation', { issuedAt: '2026-05-20' });
      expect(validUntil(urssaf)).toBe('2026-11-19');
      const docs = [...completeCareDocs().filter((d) => d.type !== 'urssaf_attestation'), urssaf];
      const on19 = checklist(care(), docs, [passed('interview')], found({ nafCode: '81.21Z' }), new Date('2026-11-19T12:00:00Z'));
      expect(item(on19, 'urssaf_attestation').status).toBe('ok');
      expect(item(on19, 'urssaf_attestation').warning).toMatch(/Expire le 19\/11\/2026/);
      const on20 = checklist(care(), docs, [passed('interview')], found({ nafCode: '81.21Z' }), NOW);
      expect(item(on20, 'urssaf_attestation').status).toBe('expired');
      expect(on20.complete).toBe(false);
    });

    it('when an URSSAF attestation issued on 31 August is checked, then 6 months end on the last day of February (month clamped)', () => {
      expect(validUntil({ type: 'urssaf_attestation', issuedAt: '2026-08-31', expiresAt: null })).toBe('2027-02-27');
      expect(addParisMonths('2026-08-31', 6)).toBe('2027-02-28');
    });

    it('when a document has both an issue-based period and an earlier expiry date, then the earlier wins', () => {
      expect(validUntil({ type: 'urssaf_attestation', issuedAt: '2026-09-01', expiresAt: '2026-12-01' })).toBe('2026-12-01');
      expect(validUntil({ type: 'nova_attestation', issuedAt: '2020-01-01', expiresAt: null })).toBeNull();
    });

    it('when a criminal record extract is pending and older than 3 months, then it is expired; once approved while fresh, it stays ok months later (VER-2: freshness at review)', () => {
      const others = completeCareDocs().filter((d) => d.type !== 'criminal_record');
      const stale = doc('criminal_record', { status: 'pending', issuedAt: '2026-08-19' });
      expect(item(checklist(care(), [...others, stale], [passed('interview')], found(), NOW), 'criminal_record').status).toBe('expired');
      const kept = doc('criminal_record', { status: 'approved', issuedAt: '2026-03-01', reviewedAt: '2026-03-10T09:00:00.000Z' });
      const c = checklist(care(), [...others, kept], [passed('interview')], found({ nafCode: '81.21Z' }), NOW);
      expect(item(c, 'criminal_record').status).toBe('ok');
      expect(item(c, 'criminal_record').validUntil).toBeUndefined();
    });

    it('when an approved document ends within 30 days, then the item stays ok with an "expires on" warning, noting a pending renewal', () => {
      const ending = doc('identity', { expiresAt: addParisDays(parisDate(NOW), 12), createdAt: '2026-01-01T00:00:00.000Z' });
      const renewal = doc('identity', { status: 'pending', expiresAt: '2036-01-01', createdAt: '2026-11-15T00:00:00.000Z' });
      const c = checklist(wellness(['massage']), [ending, renewal], [], found(), NOW);
      expect(item(c, 'identity')).toMatchObject({ status: 'ok', documentId: ending.id });
      expect(item(c, 'identity').warning).toMatch(/dans 12 j.*renouvellement en attente/);
    });
  });

  describe('documents with facts', () => {
    it('when a Care partner’s approved ID does not authorise work in France, then REF-4’s item is rejected; when not recorded, pending', () => {
      const others = completeCareDocs().filter((d) => d.type !== 'identity');
      const no = checklist(care(), [...others, doc('identity', { expiresAt: '2031-01-01', worksInFranceAuthorised: false })], [passed('interview')], found(), NOW);
      expect(item(no, 'identity')).toMatchObject({ status: 'ok' });
      expect(item(no, 'identity_work_authorisation')).toMatchObject({ status: 'rejected', blocking: true });
      const unknown = checklist(care(), [...others, doc('identity', { expiresAt: '2031-01-01', worksInFranceAuthorised: null })], [passed('interview')], found(), NOW);
      expect(item(unknown, 'identity_work_authorisation')).toMatchObject({ status: 'pending', blocking: true });
    });

    it('when a diploma is CAP coiffure, then it satisfies hairdressing and not beauty; an unclassified pending diploma counts as pending for both (REF-3)', () => {
      const services = ['haircut', 'manicure'];
      const cap = doc('diploma', { qualification: 'cap_coiffure' });
      const c = checklist(wellness(services), [doc('identity', { expiresAt: '2031-01-01' }), cap], [], found(), NOW);
      expect(item(c, 'diploma_hairdressing').status).toBe('ok');
      expect(item(c, 'diploma_beauty').status).toBe('missing');
      const unclassified = doc('diploma', { status: 'pending', qualification: null });
      const d = checklist(wellness(services), [unclassified], [], found(), NOW);
      expect(item(d, 'diploma_hairdressing')).toMatchObject({ status: 'pending', documentId: unclassified.id });
      expect(item(d, 'diploma_beauty')).toMatchObject({ status: 'pending', documentId: unclassified.id });
    });

    it('when the RIB holder or IBAN differs from the partner, then the RIB item carries warnings but does not block', () => {
      const others = completeCareDocs().filter((d) => d.type !== 'rib');
      const rib = doc('rib', { holderName: 'Jean Martin', iban: 'DE89370400440532013000' });
      const c = checklist(care(), [...others, rib], [passed('interview')], found({ nafCode: '81.21Z' }), NOW);
      expect(item(c, 'rib').status).toBe('ok');
      expect(item(c, 'rib').warning).toMatch(/Titulaire du RIB « Jean Martin »/);
      expect(item(c, 'rib').warning).toMatch(/IBAN du RIB diffère/);
      expect(c.complete).toBe(true);
    });
  });

  describe('the registry (REF-2, VER-3)', () => {
    const base = () => [completeWellnessDocs(), [passed('interview'), passed('skills_test')]] as const;

    it('when the registry was not consulted yet or is unavailable, then "company active" is pending and blocks', () => {
      const [docs, checks] = base();
      expect(item(checklist(wellness(), docs, checks, null, NOW), 'siren_active')).toMatchObject({ status: 'pending', blocking: true });
      const down = checklist(wellness(), docs, checks, { status: 'error', siren: SIREN, error: 'timeout' }, NOW);
      expect(item(down, 'siren_active')).toMatchObject({ status: 'pending', blocking: true });
      expect(item(down, 'siren_active').warning).toMatch(/timeout/);
    });

    it('when the registry does not know the SIREN, or the company ceased, then "company active" is rejected', () => {
      const [docs, checks] = base();
      expect(item(checklist(wellness(), docs, checks, { status: 'not_found', siren: SIREN, checkedAt: NOW.toISOString() }, NOW), 'siren_active').status).toBe('rejected');
      const ceased = checklist(wellness(), docs, checks, found({ active: false }), NOW);
      expect(item(ceased, 'siren_active')).toMatchObject({ status: 'rejected', blocking: true });
      expect(ceased.complete).toBe(false);
    });

    it('when the registry answered for another SIREN (the partner changed it), then the answer is ignored', () => {
      const [docs, checks] = base();
      const other = found({ siren: '823456785' });
      expect(item(checklist(wellness(), docs, checks, other, NOW), 'siren_active').status).toBe('pending');
    });

    it('when the NAF code fits none of the services, then a warning, never a block (96.02A for hairdressing)', () => {
      const [docs, checks] = base();
      const c = checklist(wellness(), docs, checks, found({ nafCode: '47.11B' }), NOW);
      expect(item(c, 'registry_naf')).toMatchObject({ status: 'ok', blocking: false });
      expect(item(c, 'registry_naf').warning).toMatch(/47\.11B.*96\.02A/);
      expect(c.complete).toBe(true);
    });

    it.each([
      [['sport_coaching'], '93.13Z'],
      [['sport_coaching'], '85.51Z'],
      [['facial'], '96.02B'],
      [['massage'], '96.04Z'],
      [['cleaning'], '81.21Z'],
      [['childcare'], '88.91A'],
      [['school_pickup'], '97.00Z'],
    ])('when a partner offering %j is registered under NAF %s, then no NAF warning', (services, naf) => {
      const p = services[0] === 'cleaning' || services[0].includes('child') || services[0] === 'school_pickup' ? care(services) : wellness(services);
      expect(item(checklist(p, [], [], found({ nafCode: naf }), NOW), 'registry_naf').warning).toBeUndefined();
    });

    it('when the registry name is another person’s, or hidden (diffusion P), then the name item warns without blocking', () => {
      const [docs, checks] = base();
      const other = checklist(wellness(), docs, checks, found({ name: 'MARTIN Jean' }), NOW);
      expect(item(other, 'registry_name').warning).toMatch(/MARTIN Jean/);
      expect(other.complete).toBe(true);
      const hidden = checklist(wellness(), docs, checks, found({ name: null, diffusion: 'P' }), NOW);
      expect(item(hidden, 'registry_name').warning).toMatch(/diffusion partielle/);
      const accents = checklist({ ...wellness(), lastName: 'Le Goff' }, docs, checks, found({ name: 'LE GOFF Maëlle' }), NOW);
      expect(item(accents, 'registry_name').warning).toBeUndefined();
    });
  });
});

describe('REF-8 grace period (VER-6)', () => {
  it('when an active file became incomplete on 2026-10-21, then new orders stop from 2026-11-20 (30 Paris days later), not before', () => {
    expect(graceEnds('2026-10-21')).toBe('2026-11-20');
    const since = '2026-10-20T22:00:00.000Z'; // Paris midnight of 2026-10-21 (UTC+2 in October)
    expect(graceEnds(since)).toBe('2026-11-20');
    expect(heldForIncompleteFile({ status: 'active', fileIncompleteSince: since }, new Date('2026-11-19T22:59:00Z'))).toBe(false);
    expect(heldForIncompleteFile({ status: 'active', fileIncompleteSince: since }, new Date('2026-11-19T23:00:00Z'))).toBe(true);
  });

  it('when the file is complete (no flag) or the partner is not active, then nothing is held', () => {
    expect(heldForIncompleteFile({ status: 'active', fileIncompleteSince: null }, NOW)).toBe(false);
    expect(heldForIncompleteFile({ status: 'in_review', fileIncompleteSince: '2020-01-01T00:00:00.000Z' }, NOW)).toBe(false);
  });
});
