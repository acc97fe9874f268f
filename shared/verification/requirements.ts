/**
 * What a partner's file must hold before approval — the one declarative table
 * (rules REF-1 … REF-8) that the checklist endpoint, the approve gate, the document
 * forms and the SPA's checklist all read — and the pure `checklist()` that evaluates
 * a file against it at a given instant.
 *
 * Where the seeds are silent the project's assumptions are marked *(assumed)* with a
 * VER-n id (ARCHITECTURE.md, "Verification rules"):
 * - VER-1 the phone interview is required from every partner; the skills test from
 *   Wellness partners; for Care it is optional, but a failed test blocks (REF-6, REF-7).
 * - VER-2 validity: URSSAF attestation 6 months, fiscal attestation 12 months, counted
 *   from the issue date; an ID until its expiry date; any other document until the expiry
 *   date recorded on it, if any. The last valid day is issue date + period − 1 day (Paris
 *   calendar). A criminal record extract must be under 3 months old when it is approved
 *   (a freshness, not a lifetime: once approved it is kept). "Expiring soon" = within 30
 *   days. All are settings (DEFAULT_SETTINGS).
 * - VER-3 the registry must know the SIREN as active (REF-2, blocking); a NAF code that
 *   does not fit the services and a name that does not match the partner are warnings
 *   for the agent, never blocks; a partially disclosed unit (diffusion P) hides the name.
 * - VER-5 approving a document requires the facts this table lists for it (dates,
 *   diploma, work authorisation, RIB holder and IBAN).
 * - VER-6 (REF-8) an active partner is flagged from the day the file became incomplete
 *   (the day after an expired document's last valid day) and stops receiving new orders
 *   after `graceDays` Paris calendar days without renewal.
 */
import { DOCUMENT_TYPES, type DocumentStatus, type DocumentType, type PartnerStatus, type Vertical } from '../domain';
import { foldForSearch } from '../text';
import { validate } from '../validators';
import { addParisDays, addParisMonths, daysBetween, minDate, parisDate, type ParisDate } from '../calendar/paris';

// ---------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------

/** The activity domains of REF-1 / REF-3, each service belongs to one. */
export const ACTIVITY_DOMAINS = ['hairdressing', 'beauty', 'body_care', 'sport', 'household', 'childcare'] as const;
export type ActivityDomain = (typeof ACTIVITY_DOMAINS)[number];

/** The demo catalogue's services (db/seeds/catalogue.ts) by domain. An unknown code has no domain. */
export const SERVICE_DOMAINS: Readonly<Record<string, ActivityDomain>> = {
  haircut: 'hairdressing',
  colouring: 'hairdressing',
  barber: 'hairdressing',
  manicure: 'beauty',
  facial: 'beauty',
  waxing: 'beauty',
  massage: 'body_care',
  sport_coaching: 'sport',
  cleaning: 'household',
  ironing: 'household',
  childcare: 'childcare',
  school_pickup: 'childcare',
};

/**
 * Per domain: its platform, whether a diploma is required (REF-3), and the NAF codes
 * (INSEE NAF rév. 2) consistent with it (VER-3: a mismatch is a warning).
 */
export const DOMAIN_RULES: Readonly<Record<ActivityDomain, { vertical: Vertical; regulated: boolean; nafCodes: readonly string[] }>> = {
  hairdressing: { vertical: 'wellness', regulated: true, nafCodes: ['96.02A'] },
  beauty: { vertical: 'wellness', regulated: true, nafCodes: ['96.02B'] },
  body_care: { vertical: 'wellness', regulated: false, nafCodes: ['96.04Z'] },
  sport: { vertical: 'wellness', regulated: true, nafCodes: ['85.51Z', '93.13Z'] },
  // *(assumed)* ironing at home is household work (81.21Z), like cleaning.
  household: { vertical: 'care', regulated: false, nafCodes: ['81.21Z'] },
  childcare: { vertical: 'care', regulated: false, nafCodes: ['88.91A', '97.00Z'] },
};

/** Diplomas and cards accepted per regulated domain (REF-3: "at least" the CAP; "or equivalent"). */
export const QUALIFICATIONS = {
  cap_coiffure: 'hairdressing',
  bp_coiffure: 'hairdressing',
  bm_coiffure: 'hairdressing',
  cap_esthetique: 'beauty',
  bp_esthetique: 'beauty',
  bts_esthetique: 'beauty',
  carte_pro_sport: 'sport',
  bpjeps: 'sport',
  staps: 'sport',
  dejeps: 'sport',
} as const satisfies Record<string, ActivityDomain>;
export type Qualification = keyof typeof QUALIFICATIONS;
export const QUALIFICATION_CODES = Object.keys(QUALIFICATIONS) as Qualification[];

export const CHECK_KINDS = ['interview', 'skills_test'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];
export const CHECK_OUTCOMES = ['passed', 'failed'] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];

export const ITEM_STATUSES = ['missing', 'pending', 'ok', 'rejected', 'expired'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Facts an agent records on a document (document facts: dates, diploma, work authorisation, RIB). */
export const DOCUMENT_FACTS = ['issuedAt', 'expiresAt', 'qualification', 'holderName', 'iban', 'worksInFranceAuthorised'] as const;
export type DocumentFact = (typeof DOCUMENT_FACTS)[number];

// ---------------------------------------------------------------------------
// Settings (REF-8: "exact periods are settings")
// ---------------------------------------------------------------------------

export interface VerificationSettings {
  /** Months a document stays valid after its issue date (VER-2). */
  validityMonths: Readonly<Partial<Record<DocumentType, number>>>;
  /** A valid document whose last day falls within this many days is "expiring soon". */
  expiringSoonDays: number;
  /** REF-8: days an active partner keeps receiving new orders after the file became incomplete. */
  graceDays: number;
  /**
   * VER-2: types whose period is a freshness required when the document is reviewed ("an
   * extract under 3 months old"), not a lifetime: once approved, they do not expire.
   */
  freshAtReview: readonly DocumentType[];
}

export const DEFAULT_SETTINGS: VerificationSettings = Object.freeze({
  validityMonths: Object.freeze({ urssaf_attestation: 6, criminal_record: 3, fiscal_attestation: 12 }),
  expiringSoonDays: 30,
  graceDays: 30,
  freshAtReview: Object.freeze(['criminal_record'] as DocumentType[]),
});

// ---------------------------------------------------------------------------
// The requirements table
// ---------------------------------------------------------------------------

/** Who a requirement applies to: every listed condition must hold (none = every partner). */
export interface Applies {
  verticals?: readonly Vertical[];
  /** The partner offers at least one service of one of these domains. */
  domains?: readonly ActivityDomain[];
}

interface BaseRequirement {
  code: string;
  /** DOMAIN.md / VER rule ids, e.g. "REF-1" or "REF-4, VER-5". */
  rule: string;
  applies?: Applies;
  /** true: must be ok to approve; false: information only (warnings); 'if_failed': optional, but a failure blocks. */
  blocking: boolean | 'if_failed';
}

export type Requirement =
  | (BaseRequirement & { kind: 'partner'; field: 'siren' | 'iban' })
  | (BaseRequirement & { kind: 'registry'; check: 'active' | 'name' | 'naf' })
  | (BaseRequirement & {
      kind: 'document';
      documentType: DocumentType;
      /** Facts that must be recorded to approve a document for this requirement (VER-5). */
      facts: readonly DocumentFact[];
      /** Diplomas: the qualifications that satisfy it. */
      qualifications?: readonly Qualification[];
      /** A recorded fact that must hold (REF-4: an ID that authorises work in France). */
      factMustBeTrue?: 'worksInFranceAuthorised';
    })
  | (BaseRequirement & { kind: 'check'; check: CheckKind });

const CARE: Applies = { verticals: ['care'] };
const qualificationsOf = (domain: ActivityDomain) => QUALIFICATION_CODES.filter((q) => QUALIFICATIONS[q] === domain);

export const REQUIREMENTS: readonly Requirement[] = [
  // REF-2: only professionals, a valid and active SIREN.
  { code: 'siren', rule: 'REF-2', kind: 'partner', field: 'siren', blocking: true },
  { code: 'siren_active', rule: 'REF-2, VER-3', kind: 'registry', check: 'active', blocking: true },
  { code: 'registry_name', rule: 'VER-3', kind: 'registry', check: 'name', blocking: false },
  { code: 'registry_naf', rule: 'VER-3', kind: 'registry', check: 'naf', blocking: false },
  // REF-1: every partner gives an IBAN and an identity document (REF-8: valid until its expiry date).
  { code: 'iban', rule: 'REF-1, REF-5', kind: 'partner', field: 'iban', blocking: true },
  { code: 'identity', rule: 'REF-1, REF-8', kind: 'document', documentType: 'identity', facts: ['expiresAt'], blocking: true },
  // REF-3: regulated Wellness professions.
  { code: 'diploma_hairdressing', rule: 'REF-3', kind: 'document', documentType: 'diploma', facts: ['qualification'], qualifications: qualificationsOf('hairdressing'), applies: { domains: ['hairdressing'] }, blocking: true },
  { code: 'diploma_beauty', rule: 'REF-3', kind: 'document', documentType: 'diploma', facts: ['qualification'], qualifications: qualificationsOf('beauty'), applies: { domains: ['beauty'] }, blocking: true },
  { code: 'diploma_sport', rule: 'REF-3', kind: 'document', documentType: 'diploma', facts: ['qualification'], qualifications: qualificationsOf('sport'), applies: { domains: ['sport'] }, blocking: true },
  // REF-4: Care.
  { code: 'identity_work_authorisation', rule: 'REF-4', kind: 'document', documentType: 'identity', facts: ['worksInFranceAuthorised'], factMustBeTrue: 'worksInFranceAuthorised', applies: CARE, blocking: true },
  { code: 'experience_proof', rule: 'REF-4', kind: 'document', documentType: 'experience_proof', facts: [], applies: CARE, blocking: true },
  { code: 'criminal_record', rule: 'REF-4, REF-8', kind: 'document', documentType: 'criminal_record', facts: ['issuedAt'], applies: CARE, blocking: true },
  { code: 'sap_declaration', rule: 'REF-4', kind: 'document', documentType: 'sap_declaration', facts: [], applies: CARE, blocking: true },
  // REF-5: Care, immediate advance of the tax credit.
  { code: 'urssaf_attestation', rule: 'REF-5, REF-8', kind: 'document', documentType: 'urssaf_attestation', facts: ['issuedAt'], applies: CARE, blocking: true },
  { code: 'fiscal_attestation', rule: 'REF-5, VER-2', kind: 'document', documentType: 'fiscal_attestation', facts: ['issuedAt'], applies: CARE, blocking: true },
  { code: 'nova_attestation', rule: 'REF-5', kind: 'document', documentType: 'nova_attestation', facts: [], applies: CARE, blocking: true },
  { code: 'rib', rule: 'REF-5', kind: 'document', documentType: 'rib', facts: ['holderName', 'iban'], applies: CARE, blocking: true },
  // REF-6 / VER-1: phone interview and skills test.
  { code: 'interview', rule: 'REF-6, VER-1', kind: 'check', check: 'interview', blocking: true },
  { code: 'skills_test', rule: 'REF-6, VER-1', kind: 'check', check: 'skills_test', applies: { verticals: ['wellness'] }, blocking: true },
  { code: 'skills_test_care', rule: 'REF-6, REF-7, VER-1', kind: 'check', check: 'skills_test', applies: CARE, blocking: 'if_failed' },
];

export const REQUIREMENT_CODES = REQUIREMENTS.map((r) => r.code);

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

export interface ChecklistPartner {
  firstName: string;
  lastName: string;
  vertical: Vertical;
  services: readonly string[];
  siren: string | null;
  iban: string | null;
  status?: PartnerStatus;
}

export interface ChecklistDocument {
  id: number;
  type: DocumentType;
  status: DocumentStatus;
  issuedAt: ParisDate | null;
  expiresAt: ParisDate | null;
  qualification?: string | null;
  holderName?: string | null;
  iban?: string | null;
  worksInFranceAuthorised?: boolean | null;
  /** ISO instant; the newest wins between equals. */
  createdAt: string;
  /** When it was approved or rejected (VER-2: freshness of a criminal record extract is judged then). */
  reviewedAt?: string | null;
}

export interface ChecklistCheck {
  id: number;
  kind: CheckKind;
  scheduledAt: string | null;
  doneAt: string | null;
  outcome: CheckOutcome | null;
  createdAt: string;
}

export interface RegistryCompany {
  siren: string;
  /** Display name: the denomination of a company, "NOM Prénom" of a sole trader; null when not disclosed. */
  name: string | null;
  active: boolean;
  nafCode: string | null;
  legalCategory: string | null;
  /** 'O' public, 'P' partially disclosed (R123-232: personal data hidden). */
  diffusion: 'O' | 'P';
}

/** What the registry said about the partner's SIREN (null: not looked up yet). */
export type RegistryState =
  | { status: 'found'; company: RegistryCompany; checkedAt: string }
  | { status: 'not_found'; siren: string; checkedAt: string }
  | { status: 'error'; siren: string; error: string };

// ---------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------

export type ChecklistItem = {
  requirement: string;
  rule: string;
  kind: Requirement['kind'];
  status: ItemStatus;
  /** Whether this item, in its current status, prevents approval. */
  blocking: boolean;
  documentType?: DocumentType;
  documentId?: number;
  /** Last valid day of the document used (VER-2). */
  validUntil?: ParisDate;
  /** A note for the agent (French / English); never a block by itself. */
  warning?: string;
};

export interface Checklist {
  complete: boolean;
  items: ChecklistItem[];
  /** Requirement codes that block approval. */
  missing: string[];
  /** VER-6: the Paris date the file became incomplete, when the data tells (an expiry); else null. */
  incompleteSince: ParisDate | null;
}

// ---------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------

export function domainsOf(services: readonly string[]): ActivityDomain[] {
  const out = new Set<ActivityDomain>();
  for (const s of services) if (SERVICE_DOMAINS[s]) out.add(SERVICE_DOMAINS[s]);
  return ACTIVITY_DOMAINS.filter((d) => out.has(d));
}

export function appliesTo(req: Requirement, partner: Pick<ChecklistPartner, 'vertical' | 'services'>, domains = domainsOf(partner.services)): boolean {
  const a = req.applies;
  if (!a) return true;
  if (a.verticals && !a.verticals.includes(partner.vertical)) return false;
  if (a.domains && !a.domains.some((d) => domains.includes(d))) return false;
  return true;
}

/** The requirements that apply to a partner, in table order. */
export function requirementsFor(partner: Pick<ChecklistPartner, 'vertical' | 'services'>): Requirement[] {
  const domains = domainsOf(partner.services);
  return REQUIREMENTS.filter((r) => appliesTo(r, partner, domains));
}

/** VER-5: the facts that must be recorded to approve a document of this type for this partner. */
export function requiredFacts(
  partner: Pick<ChecklistPartner, 'vertical' | 'services'>,
  type: DocumentType,
  settings: VerificationSettings = DEFAULT_SETTINGS,
): DocumentFact[] {
  const out = new Set<DocumentFact>();
  for (const r of requirementsFor(partner)) if (r.kind === 'document' && r.documentType === type) r.facts.forEach((f) => out.add(f));
  // A document with a validity period counted from its issue date needs that date (VER-2).
  if (settings.validityMonths[type] !== undefined) out.add('issuedAt');
  return DOCUMENT_FACTS.filter((f) => out.has(f));
}

/** Document types the partner must provide (for the upload form's hints). */
export function requiredDocumentTypes(partner: Pick<ChecklistPartner, 'vertical' | 'services'>): DocumentType[] {
  const types = new Set<DocumentType>();
  for (const r of requirementsFor(partner)) if (r.kind === 'document') types.add(r.documentType);
  return DOCUMENT_TYPES.filter((t) => types.has(t));
}

/**
 * VER-2: the last valid day of a document — the earlier of its recorded expiry date and
 * issue date + the type's validity period − 1 day. Null: no end.
 */
export function validUntil(
  doc: Pick<ChecklistDocument, 'type' | 'issuedAt' | 'expiresAt'>,
  settings: VerificationSettings = DEFAULT_SETTINGS,
): ParisDate | null {
  const months = settings.validityMonths[doc.type];
  const byIssue = months !== undefined && doc.issuedAt ? addParisDays(addParisMonths(doc.issuedAt, months), -1) : null;
  return minDate(doc.expiresAt ?? null, byIssue);
}

const RANK: Record<ItemStatus, number> = { ok: 4, pending: 3, expired: 2, rejected: 1, missing: 0 };

/** ISO strings compare as text (no locale rules needed). */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function tokens(s: string): string[] {
  return foldForSearch(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((t) => t.length > 1);
}

/** The partner's last name (every word of it) appears in `other`. */
export function nameMatches(partner: Pick<ChecklistPartner, 'lastName'>, other: string): boolean {
  const want = tokens(partner.lastName);
  const have = new Set(tokens(other));
  return want.length > 0 && want.every((t) => have.has(t));
}

function frDate(d: ParisDate): string {
  return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
}

interface ItemExtra {
  documentType?: DocumentType;
  documentId?: number;
  validUntil?: ParisDate | null;
  warning?: string;
}

/**
 * Every item is built here with the same keys in the same order (absent ones undefined, left
 * out of the JSON): one object shape for V8, which the queue evaluates thousands of times.
 */
function mkItem(req: Requirement, status: ItemStatus, extra: ItemExtra = {}): ChecklistItem {
  return {
    requirement: req.code,
    rule: req.rule,
    kind: req.kind,
    status,
    blocking: false,
    documentType: extra.documentType,
    documentId: extra.documentId,
    validUntil: extra.validUntil ?? undefined,
    warning: extra.warning,
  };
}

interface DocEval {
  doc: ChecklistDocument;
  status: ItemStatus;
  validUntil: ParisDate | null;
  warning?: string;
}

function evalDocument(
  req: Extract<Requirement, { kind: 'document' }>,
  doc: ChecklistDocument,
  today: ParisDate,
  settings: VerificationSettings,
): DocEval {
  const until = validUntil(doc, settings);
  // VER-2: a "fresh at review" document is judged on the day it was approved, and then kept.
  const keptAfterReview = settings.freshAtReview.includes(doc.type) && doc.status === 'approved' && !!doc.reviewedAt;
  const judgedOn = keptAfterReview ? parisDate(new Date(doc.reviewedAt!)) : today;
  if (doc.status === 'rejected') return { doc, status: 'rejected', validUntil: until };
  if (doc.status === 'expired' || (until !== null && judgedOn > until)) {
    return { doc, status: 'expired', validUntil: until, warning: until ? `Expiré depuis le ${frDate(addParisDays(until, 1))}. / Expired since ${addParisDays(until, 1)}.` : undefined };
  }
  if (keptAfterReview) return { doc, status: 'ok', validUntil: null };
  if (doc.status === 'pending') return { doc, status: 'pending', validUntil: until };
  // Approved.
  if (req.factMustBeTrue) {
    const value = doc[req.factMustBeTrue];
    if (value === false) {
      return { doc, status: 'rejected', validUntil: until, warning: 'Ce document n’autorise pas à travailler en France. / This document does not authorise work in France.' };
    }
    if (value !== true) {
      return { doc, status: 'pending', validUntil: until, warning: 'Autorisation de travail en France à vérifier. / Work authorisation in France not recorded.' };
    }
  }
  return { doc, status: 'ok', validUntil: until };
}

function documentItem(
  req: Extract<Requirement, { kind: 'document' }>,
  partner: ChecklistPartner,
  documents: readonly ChecklistDocument[],
  today: ParisDate,
  settings: VerificationSettings,
): ChecklistItem {
  const candidates = documents.filter((d) => {
    if (d.type !== req.documentType) return false;
    if (!req.qualifications) return true;
    // A diploma not classified yet (pending, or rejected before being classified) counts for every
    // diploma requirement; an approved one is always classified (VER-5).
    if (!d.qualification) return d.status !== 'approved';
    return (req.qualifications as readonly string[]).includes(d.qualification);
  });
  if (candidates.length === 0) return mkItem(req, 'missing', { documentType: req.documentType });
  const evals = candidates.map((d) => evalDocument(req, d, today, settings));
  evals.sort((a, b) => RANK[b.status] - RANK[a.status] || cmp(b.doc.createdAt, a.doc.createdAt) || b.doc.id - a.doc.id);
  const best = evals[0];
  const warnings: string[] = [];
  if (best.warning) warnings.push(best.warning);
  if (best.status === 'ok' && best.validUntil) {
    const left = daysBetween(today, best.validUntil);
    if (left < settings.expiringSoonDays) {
      const renewal = evals.some((e) => e !== best && e.status === 'pending');
      warnings.push(
        `Expire le ${frDate(best.validUntil)} (dans ${left} j)${renewal ? ', renouvellement en attente' : ''}. / Expires on ${best.validUntil}${renewal ? ', renewal pending' : ''}.`,
      );
    }
  }
  if (req.documentType === 'rib' && (best.status === 'ok' || best.status === 'pending')) {
    const holder = best.doc.holderName;
    if (holder && !nameMatches(partner, holder)) {
      warnings.push(`Titulaire du RIB « ${holder} » ≠ ${partner.firstName} ${partner.lastName}. / RIB holder does not match the partner.`);
    }
    const ribIban = best.doc.iban ? validate('iban', best.doc.iban) : null;
    const partnerIban = partner.iban ? validate('iban', partner.iban) : null;
    if (ribIban?.valid && partnerIban?.valid && ribIban.normalized !== partnerIban.normalized) {
      warnings.push('L’IBAN du RIB diffère de l’IBAN de versement. / The RIB’s IBAN differs from the payout IBAN.');
    }
  }
  return mkItem(req, best.status, {
    documentType: req.documentType,
    documentId: best.doc.id,
    validUntil: best.validUntil,
    warning: warnings.length ? warnings.join(' · ') : undefined,
  });
}

function partnerItem(req: Extract<Requirement, { kind: 'partner' }>, partner: ChecklistPartner): ChecklistItem {
  const value = partner[req.field];
  if (!value) return mkItem(req, 'missing');
  const r = validate(req.field, value);
  return r.valid ? mkItem(req, 'ok') : mkItem(req, 'rejected', { warning: r.reason });
}

function registryItem(req: Extract<Requirement, { kind: 'registry' }>, partner: ChecklistPartner, registry: RegistryState | null): ChecklistItem {
  const siren = partner.siren ? validate('siren', partner.siren) : null;
  if (!siren?.valid) return mkItem(req, 'missing', { warning: 'SIREN absent ou invalide. / No valid SIREN.' });
  const current = registry && (registry.status === 'found' ? registry.company.siren : registry.siren) === siren.normalized ? registry : null;
  if (!current) return mkItem(req, 'pending', { warning: 'Répertoire SIRENE pas encore consulté. / Registry not checked yet.' });
  if (current.status === 'error') {
    return mkItem(req, 'pending', { warning: `Répertoire SIRENE indisponible (${current.error}). / Registry unavailable.` });
  }
  if (current.status === 'not_found') {
    return mkItem(req, req.check === 'active' ? 'rejected' : 'missing', { warning: 'SIREN inconnu du répertoire SIRENE. / SIREN not found in the registry.' });
  }
  const c = current.company;
  switch (req.check) {
    case 'active':
      return c.active
        ? mkItem(req, 'ok')
        : mkItem(req, 'rejected', { warning: 'Entreprise cessée au répertoire SIRENE. / The company has ceased trading.' });
    case 'name':
      if (!c.name || c.diffusion === 'P') {
        return mkItem(req, 'ok', { warning: 'Nom non diffusé (diffusion partielle) : comparez avec la pièce d’identité. / Name not disclosed (partial diffusion).' });
      }
      return nameMatches(partner, c.name)
        ? mkItem(req, 'ok')
        : mkItem(req, 'ok', { warning: `Nom au répertoire « ${c.name} » ≠ ${partner.firstName} ${partner.lastName}. / Registry name does not match the partner.` });
    case 'naf': {
      const expected = [...new Set(domainsOf(partner.services).flatMap((d) => DOMAIN_RULES[d].nafCodes))];
      if (!c.nafCode) return mkItem(req, 'ok', { warning: 'Code NAF non diffusé. / NAF code not disclosed.' });
      if (expected.length === 0) return mkItem(req, 'ok');
      return expected.includes(c.nafCode)
        ? mkItem(req, 'ok')
        : mkItem(req, 'ok', { warning: `Code NAF ${c.nafCode} inattendu pour ces services (attendu : ${expected.join(', ')}). / NAF code does not fit the services.` });
    }
  }
}

function checkItem(req: Extract<Requirement, { kind: 'check' }>, checks: readonly ChecklistCheck[]): ChecklistItem {
  const latest = checks
    .filter((c) => c.kind === req.check)
    .sort((a, b) => cmp(b.createdAt, a.createdAt) || b.id - a.id)[0];
  if (!latest) return mkItem(req, 'missing');
  if (!latest.doneAt || !latest.outcome) {
    return mkItem(req, 'pending', {
      warning: latest.scheduledAt && !latest.doneAt ? `Prévu le ${latest.scheduledAt.slice(0, 16).replace('T', ' ')} UTC. / Scheduled.` : undefined,
    });
  }
  return mkItem(req, latest.outcome === 'passed' ? 'ok' : 'rejected');
}

/**
 * Evaluates a partner's file against the requirements table at `now` (rules REF-1 … REF-8,
 * VER-1 … VER-6). Pure: the same inputs give the same checklist on the server and in the SPA.
 */
export function checklist(
  partner: ChecklistPartner,
  documents: readonly ChecklistDocument[],
  checks: readonly ChecklistCheck[],
  registry: RegistryState | null,
  now: Date,
  settings: VerificationSettings = DEFAULT_SETTINGS,
): Checklist {
  const today = parisDate(now);
  const items: ChecklistItem[] = [];
  for (const req of requirementsFor(partner)) {
    let item: ChecklistItem;
    switch (req.kind) {
      case 'partner':
        item = partnerItem(req, partner);
        break;
      case 'registry':
        item = registryItem(req, partner, registry);
        break;
      case 'document':
        item = documentItem(req, partner, documents, today, settings);
        break;
      case 'check':
        item = checkItem(req, checks);
        break;
    }
    item.blocking = item.status !== 'ok' && (req.blocking === true || (req.blocking === 'if_failed' && item.status === 'rejected'));
    items.push(item);
  }
  const blocking = items.filter((i) => i.blocking);
  let incompleteSince: ParisDate | null = null;
  for (const i of blocking) {
    if (i.status === 'expired' && i.validUntil) incompleteSince = minDate(incompleteSince, addParisDays(i.validUntil, 1));
  }
  return { complete: blocking.length === 0, items, missing: blocking.map((i) => i.requirement), incompleteSince };
}

/**
 * REF-8 / VER-6: an active partner whose file has been incomplete since `fileIncompleteSince`
 * is no longer offered new orders once `graceDays` Paris calendar days have passed.
 */
export function heldForIncompleteFile(
  partner: { status: PartnerStatus | string; fileIncompleteSince: string | null },
  now: Date,
  settings: VerificationSettings = DEFAULT_SETTINGS,
): boolean {
  if (partner.status !== 'active' || !partner.fileIncompleteSince) return false;
  return parisDate(now) >= graceEnds(partner.fileIncompleteSince, settings);
}

/** The first Paris day on which an incomplete active file stops receiving new orders (REF-8). */
export function graceEnds(fileIncompleteSince: string, settings: VerificationSettings = DEFAULT_SETTINGS): ParisDate {
  const since = /^\d{4}-\d{2}-\d{2}$/.test(fileIncompleteSince) ? fileIncompleteSince : parisDate(new Date(fileIncompleteSince));
  return addParisDays(since, settings.graceDays);
}

/** VER-2: whether a document can still expire from now on (false once a fresh-at-review type is approved). */
export function canExpire(doc: Pick<ChecklistDocument, 'type' | 'status'>, settings: VerificationSettings = DEFAULT_SETTINGS): boolean {
  return !(settings.freshAtReview.includes(doc.type) && doc.status === 'approved');
}

/** Days until a document's last valid day (negative once expired), or null without an end. */
export function daysLeft(doc: Pick<ChecklistDocument, 'type' | 'issuedAt' | 'expiresAt'>, now: Date, settings: VerificationSettings = DEFAULT_SETTINGS): number | null {
  const until = validUntil(doc, settings);
  return until === null ? null : daysBetween(parisDate(now), until);
}
