/**
 * The demo's partner files: documents, interview and skills test, registry
 * fixture companies and cached lookups, and the verification columns of partners — so
 * that the queue, the checklist and the watch view show realistic states:
 * - active partners: complete files (all approved), a few documents expiring within
 *   30 days, two files that became incomplete (an expired ID: one within the REF-8 grace
 *   period, one past it);
 * - in review (assigned to the support account): the first one (P000008 in the foundation's
 *   data) complete and ready to approve, the others with pending, missing or rejected items;
 * - applicants: from nothing uploaded to everything uploaded and pending;
 * - refused: a failed interview and the internal reason (REF-7).
 * Deterministic: its own PRNG stream (the rest of the demo is unchanged) and the same `now`.
 * Real small PDF/PNG files are written under `uploadsDir` when it is given.
 */
import { createHash } from 'node:crypto';
import type { DocumentType } from '../../shared/domain';
import { addParisDays, parisDate } from '../../shared/calendar/paris';
import { DOMAIN_RULES, checklist, domainsOf, requirementsFor, validUntil, type ChecklistDocument, type RegistryCompany } from '../../shared/verification/requirements';
import { mulberry32 } from '../../server/engine/random';
import { parisMidnight } from '../../shared/calendar/paris';
import { saveFile } from '../../server/uploads/fileStore';
import { demoPdf, demoPng } from './demoFiles';

type Row = Record<string, unknown>;

const SUPPORT_USER_ID = 2;
const DAY = 86_400_000;

const LABELS: Record<DocumentType, string> = {
  identity: "Carte nationale d'identité",
  siren_proof: 'Avis de situation au répertoire SIRENE',
  diploma: 'Diplôme',
  training_certificate: 'Attestation de formation',
  experience_proof: "Attestation d'expérience (12 mois)",
  criminal_record: 'Extrait de casier judiciaire (bulletin n°3)',
  sap_declaration: 'Déclaration de services à la personne',
  urssaf_attestation: 'Attestation de vigilance URSSAF',
  fiscal_attestation: 'Attestation de régularité fiscale',
  nova_attestation: 'Attestation Nova',
  rib: "Relevé d'identité bancaire",
};

const FIRST_QUALIFICATION: Record<string, string> = {
  diploma_hairdressing: 'cap_coiffure',
  diploma_beauty: 'cap_esthetique',
  diploma_sport: 'bpjeps',
};

export interface VerificationSeed {
  documents: Row[];
  checks: Row[];
  registryFixtures: Row[];
  registryLookups: Row[];
  /** Columns to set on partners, by id. */
  partnerColumns: Map<number, Row>;
  files: number;
}

interface PlannedDoc {
  requirement: string;
  type: DocumentType;
  status: 'pending' | 'approved' | 'rejected';
  issuedAt: string | null;
  expiresAt: string | null;
  qualification: string | null;
  holderName: string | null;
  iban: string | null;
  worksInFranceAuthorised: boolean | null;
  rejectionReason: string | null;
}

export async function buildVerificationSeed(partners: readonly Row[], options: { now: Date; seed: number; uploadsDir?: string }): Promise<VerificationSeed> {
  const rng = mulberry32((options.seed ^ 0x5eed0004) >>> 0);
  const now = options.now.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const today = parisDate(options.now);
  const out: VerificationSeed = { documents: [], checks: [], registryFixtures: [], registryLookups: [], partnerColumns: new Map(), files: 0 };

  // Scenarios go by a partner's rank among the partners of its status (ids ascending), so that
  // they exist whatever the population (the foundation's 80 partners or the simulator's):
  // with the foundation's, the ready file is P000008, the expired IDs P000011 and P000023.
  const rankOf = new Map<number, number>();
  const seen = new Map<string, number>();
  for (const p of [...partners].sort((a, b) => Number(a.id) - Number(b.id))) {
    const st = String(p.status);
    rankOf.set(Number(p.id), seen.get(st) ?? 0);
    seen.set(st, (seen.get(st) ?? 0) + 1);
  }

  for (const p of partners) {
    const id = Number(p.id);
    const status = String(p.status);
    const rank = rankOf.get(id) ?? 0;
    const partner = {
      firstName: String(p.firstName),
      lastName: String(p.lastName),
      vertical: p.vertical as 'wellness' | 'care',
      services: JSON.parse(String(p.services)) as string[],
      siren: String(p.siren),
      iban: String(p.iban),
    };
    const createdAt = Date.parse(String(p.createdAt));
    const name = `${partner.firstName} ${partner.lastName}`;

    // --- registry: every demo SIREN resolves offline; a few telling cases (REF-2, VER-3).
    const domain = domainsOf(partner.services)[0];
    const company: RegistryCompany = {
      siren: partner.siren,
      name: `${partner.lastName.toUpperCase()} ${partner.firstName}`,
      // Applicants telling the registry's cases (foundation: P000047 ceased, P000027 NAF, P000037 diffusion P).
      active: !(status === 'applicant' && rank % 8 === 4),
      nafCode: status === 'applicant' && rank % 8 === 2 ? '47.11B' : domain ? DOMAIN_RULES[domain].nafCodes[0] : null,
      legalCategory: '1000',
      diffusion: status === 'applicant' && rank % 8 === 3 ? 'P' : 'O',
    };
    if (company.diffusion === 'P') company.name = null;
    out.registryFixtures.push({ siren: partner.siren, company: JSON.stringify(company) });
    if (status !== 'applicant') {
      out.registryLookups.push({ siren: partner.siren, found: true, company: JSON.stringify(company), source: 'offline', checkedAt: iso(now - rng.int(1, 5) * DAY) });
    }

    // --- the documents the requirements table asks of this partner, approved by default.
    const plan: PlannedDoc[] = [];
    for (const req of requirementsFor(partner)) {
      if (req.kind !== 'document' || req.code === 'identity_work_authorisation') continue;
      const doc: PlannedDoc = {
        requirement: req.code,
        type: req.documentType,
        status: 'approved',
        issuedAt: null,
        expiresAt: null,
        qualification: FIRST_QUALIFICATION[req.code] ?? null,
        holderName: req.documentType === 'rib' ? name : null,
        iban: req.documentType === 'rib' ? partner.iban : null,
        worksInFranceAuthorised: req.documentType === 'identity' && partner.vertical === 'care' ? true : null,
        rejectionReason: null,
      };
      switch (req.documentType) {
        case 'identity':
          doc.issuedAt = addParisDays(today, -rng.int(300, 3000));
          doc.expiresAt = addParisDays(today, rng.int(120, 3000));
          break;
        case 'diploma':
          doc.issuedAt = addParisDays(today, -rng.int(400, 5000));
          break;
        case 'criminal_record':
          doc.issuedAt = addParisDays(today, -rng.int(5, 80));
          break;
        case 'urssaf_attestation':
          doc.issuedAt = addParisDays(today, -rng.int(10, 140));
          break;
        case 'fiscal_attestation':
          doc.issuedAt = addParisDays(today, -rng.int(10, 300));
          break;
        default:
          doc.issuedAt = addParisDays(today, -rng.int(60, 900));
      }
      plan.push(doc);
    }
    const byType = (t: DocumentType) => plan.find((d) => d.type === t);
    const columns: Row = {};
    const checks: { kind: 'interview' | 'skills_test'; scheduledAt: number | null; doneAt: number | null; outcome: 'passed' | 'failed' | null; notes: string | null }[] = [];
    const passedChecks = () => {
      const at = Math.min(createdAt + 3 * DAY, now - DAY);
      checks.push({ kind: 'interview', scheduledAt: at - DAY, doneAt: at, outcome: 'passed', notes: 'Entretien téléphonique : motivée, disponible, expérience confirmée.' });
      if (partner.vertical === 'wellness') checks.push({ kind: 'skills_test', scheduledAt: at, doneAt: at + DAY / 2, outcome: 'passed', notes: 'Test pratique réussi.' });
    };
    let docs = plan;

    if (status === 'active' || status === 'terminated') {
      passedChecks();
      const identity = byType('identity')!;
      if (status === 'active' && rank % 50 === 7) identity.expiresAt = addParisDays(today, -6); // expired 5 days ago: flagged, within the grace period
      else if (status === 'active' && rank % 50 === 16) identity.expiresAt = addParisDays(today, -41); // expired 40 days ago: past the grace period (held)
      else if (id % 6 === 2) identity.expiresAt = addParisDays(today, rng.int(3, 28)); // expiring soon
      const urssaf = byType('urssaf_attestation');
      if (urssaf && id % 4 === 1) urssaf.issuedAt = addParisDays(today, -rng.int(160, 178)); // URSSAF expiring soon
    } else if (status === 'in_review') {
      columns.assignedTo = SUPPORT_USER_ID;
      columns.reviewRequestedAt = iso(now - rng.int(3, 12) * DAY - rng.int(0, 20) * 3_600_000);
      columns.takenAt = iso(now - rng.int(0, 2) * DAY - 3_600_000);
      if (rank === 0) {
        passedChecks(); // P000008: complete, ready for approval
      } else {
        for (const d of docs) d.status = 'pending';
        if (rank % 4 === 2) docs = docs.filter((d) => d.type !== 'identity'); // the ID is missing
        if (rank % 4 === 3) {
          const bad = docs[docs.length - 1];
          bad.status = 'rejected';
          bad.rejectionReason = 'Document illisible : merci de renvoyer un scan net.';
        }
        if (rank % 2 === 1) checks.push({ kind: 'interview', scheduledAt: now + rng.int(1, 4) * DAY, doneAt: null, outcome: null, notes: null });
        else if (rank % 4 !== 2) checks.push({ kind: 'interview', scheduledAt: now - 2 * DAY, doneAt: now - 2 * DAY + 1_800_000, outcome: 'passed', notes: 'RAS.' });
      }
    } else if (status === 'applicant') {
      columns.reviewRequestedAt = iso(createdAt);
      for (const d of docs) d.status = 'pending';
      const keep = rank % 3 === 1 ? 0 : rank % 3 === 2 ? Math.ceil(docs.length / 2) : docs.length; // nothing, half, everything
      docs = docs.slice(0, keep);
      // A diploma uploaded without saying which one: the agent classifies it.
      for (const d of docs) if (d.type === 'diploma' && rank % 2 === 0) d.qualification = null;
    } else if (status === 'refused') {
      for (const d of docs) d.status = d.type === 'identity' ? 'approved' : 'pending';
      docs = docs.slice(0, 2);
      const at = Math.min(createdAt + 5 * DAY, now - 10 * DAY);
      checks.push({ kind: 'interview', scheduledAt: at - DAY, doneAt: at, outcome: 'failed', notes: 'Doutes sérieux sur l’expérience déclarée.' });
      columns.refusalReason = 'Doutes lors de l’entretien téléphonique sur l’expérience déclarée (REF-7).';
      columns.decidedAt = iso(at + DAY);
      columns.decidedBy = SUPPORT_USER_ID;
    }
    if (status === 'active' || status === 'terminated') {
      columns.decidedAt = iso(Math.min(createdAt + 6 * DAY, now - DAY));
      columns.decidedBy = SUPPORT_USER_ID;
    }

    // --- rows (and files).
    const planned: ChecklistDocument[] = [];
    for (const [i, d] of docs.entries()) {
      const png = d.type === 'identity';
      const buffer = png
        ? demoPng(id * 31 + i)
        : demoPdf([LABELS[d.type], `${name} — ${String(p.reference)}`, `SIREN ${partner.siren}`, `Délivré le ${d.issuedAt ?? '—'}`, 'Document de démonstration']);
      const mimeType = png ? 'image/png' : 'application/pdf';
      const ext = png ? 'png' : 'pdf';
      const sha256 = createHash('sha256').update(buffer).digest('hex');
      if (options.uploadsDir) {
        await saveFile(options.uploadsDir, buffer, mimeType, ext);
        out.files++;
      }
      // Uploaded after registration and after the document was issued (renewals of active partners).
      const issued = d.issuedAt ? Date.parse(`${d.issuedAt}T12:00:00Z`) + DAY : 0;
      const uploaded = Math.min(Math.max(createdAt + (i + 1) * 3_600_000, issued), now - 3_600_000);
      const reviewed = d.status === 'pending' ? null : Math.min(uploaded + 2 * DAY, now - 1_800_000);
      const row = {
        partnerId: id,
        type: d.type,
        status: d.status,
        fileName: `${d.type.replace(/_/g, '-')}-${String(p.reference).toLowerCase()}.${ext}`,
        storedName: `${sha256}.${ext}`,
        mimeType,
        sizeBytes: buffer.length,
        sha256,
        issuedAt: d.issuedAt,
        expiresAt: d.expiresAt,
        rejectionReason: d.rejectionReason,
        reviewedBy: reviewed === null ? null : SUPPORT_USER_ID,
        reviewedAt: reviewed === null ? null : iso(reviewed),
        createdAt: iso(uploaded),
        version: 1,
        qualification: d.qualification,
        holderName: d.holderName,
        iban: d.iban,
        worksInFranceAuthorised: d.worksInFranceAuthorised,
        validUntil: validUntil(d),
        uploadedBy: SUPPORT_USER_ID,
      };
      out.documents.push(row);
      planned.push({ id: out.documents.length, ...row } as unknown as ChecklistDocument);
    }
    for (const c of checks) {
      const created = c.doneAt ?? c.scheduledAt ?? now;
      out.checks.push({
        partnerId: id,
        kind: c.kind,
        scheduledAt: c.scheduledAt === null ? null : iso(c.scheduledAt),
        doneAt: c.doneAt === null ? null : iso(c.doneAt),
        outcome: c.outcome,
        notes: c.notes,
        recordedBy: SUPPORT_USER_ID,
        createdAt: iso(Math.min(created, now)),
        updatedAt: iso(Math.min(created, now)),
        version: 1,
      });
    }

    // REF-8 / VER-6: an active file that is incomplete carries the day it became so.
    if (status === 'active') {
      const result = checklist(
        partner,
        planned,
        checks.map((c, i) => ({ id: i + 1, kind: c.kind, scheduledAt: null, doneAt: c.doneAt === null ? null : iso(c.doneAt), outcome: c.outcome, createdAt: iso(now) })),
        { status: 'found', company, checkedAt: iso(now) },
        options.now,
      );
      columns.fileIncompleteSince = result.complete ? null : result.incompleteSince ? parisMidnight(result.incompleteSince).toISOString() : iso(now);
    }
    out.partnerColumns.set(id, columns);
  }
  return out;
}
