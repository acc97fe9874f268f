/**
 * A small deterministic demo marketplace (the foundation's stand-in until the
 * engine's simulator generates the real one): staff accounts, the app token, the
 * service catalogue, ~80 partners in every status, clients, six months of orders
 * ending at `now` plus two weeks ahead, with proposals, reviews and payments.
 * The same `seed` and `now` give the same rows.
 */
import type { Knex } from 'knex';
import { makeEmail, makeFrenchIban, makePhone, makeSiren } from '../../server/engine/sim/identity';
import { resetSequences } from './bulkLoad';
import { hashPassword } from '../../server/auth/passwords';
import { hashToken } from '../../server/auth/authenticate';
import { mulberry32, type Random } from '../../server/engine/random';
import { partnerReference } from '../../server/verification/partnerReference';
import * as specs from '../../server/marketplace/specs';
import { usersSpec } from '../../server/auth/specs';
import { buildVerificationSeed } from './verification';
import { CITIES, FIRST_NAMES, LAST_NAMES, SERVICES, type CitySeed } from '../../server/engine/sim/catalogue';

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_APP_TOKEN = 'demo-app-token';

export const DEMO_USERS = [
  { email: 'admin@demo.test', fullName: 'Alice Administratrice', role: 'admin' },
  { email: 'support@demo.test', fullName: 'Sophie Support', role: 'support' },
  { email: 'ops@demo.test', fullName: 'Olivier Opérations', role: 'ops' },
  { email: 'ops2@demo.test', fullName: 'Odile Opérations', role: 'ops' },
  { email: 'mediator@demo.test', fullName: 'Marc Médiateur', role: 'mediator' },
  { email: 'coordinator@demo.test', fullName: 'Claire Coordinatrice', role: 'coordinator' },
] as const;

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const QUARTER = 15 * 60_000;

export interface DemoOptions {
  now: Date;
  seed?: number;
  partners?: number;
  clients?: number;
  orders?: number;
  /** Where the demo documents' files are written (real small PDF/PNG files); without it, only the rows. */
  uploadsDir?: string;
}

export interface DemoSummary {
  users: number;
  partners: number;
  clients: number;
  orders: number;
  proposals: number;
  reviews: number;
}

function place(rng: Random, city: CitySeed) {
  return {
    address: `${rng.int(1, 180)} ${rng.pick(city.streets)}`,
    postcode: city.postcode,
    city: city.name,
    lat: Number((city.lat + (rng.next() - 0.5) * 0.06).toFixed(5)),
    lng: Number((city.lng + (rng.next() - 0.5) * 0.08).toFixed(5)),
  };
}

async function insertChunks(db: Knex, table: string, rows: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) await db(table).insert(rows.slice(i, i + 400));
}

export async function seedDemo(db: Knex, options: DemoOptions): Promise<DemoSummary> {
  await seedStaffAndCatalogue(db, options.now);
  const rng = mulberry32(options.seed ?? 20261121);
  const now = options.now.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const nPartners = options.partners ?? 80;
  const nClients = options.clients ?? 400;
  const nOrders = options.orders ?? 1600;

  const statuses = ['active', 'active', 'active', 'active', 'active', 'active', 'active', 'applicant', 'in_review', 'refused'] as const;
  const partners: Record<string, unknown>[] = [];
  const partnerServices: Record<string, unknown>[] = [];
  const activeByService = new Map<string, number[]>();
  for (let id = 1; id <= nPartners; id++) {
    const vertical = rng.chance(0.6) ? 'wellness' : 'care';
    const offered = SERVICES.filter((s) => s.vertical === vertical).filter(() => rng.chance(0.5));
    if (offered.length === 0) offered.push(SERVICES.find((s) => s.vertical === vertical)!);
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const city = CITIES[id % CITIES.length];
    const status = id === nPartners ? 'terminated' : statuses[id % statuses.length];
    const days = [1, 2, 3, 4, 5, 6].filter(() => rng.chance(0.75));
    const row = {
      id,
      reference: partnerReference(id),
      firstName,
      lastName,
      email: makeEmail(firstName, lastName, id, 'exemple.fr'),
      phone: makePhone(rng),
      birthDate: `${rng.int(1965, 2002)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
      ...place(rng, city),
      siren: makeSiren(rng),
      iban: makeFrenchIban(rng),
      vertical,
      services: JSON.stringify(offered.map((s) => s.id)),
      radiusKm: rng.pick([5, 10, 15, 20, 25]),
      weeklyHours: JSON.stringify(days.map((day) => ({ day, from: rng.pick(['08:00', '09:00', '10:00']), to: rng.pick(['17:00', '18:00', '19:00', '20:00']) }))),
      status,
      assignedTo: status === 'in_review' ? 2 : null,
      limitation: null as string | null,
      score: status === 'active' ? Math.round((48 + rng.next() * 20 + (rng.chance(0.05) ? 25 : 0)) * 10) / 10 : null,
      createdAt: iso(now - rng.int(status === 'applicant' ? 1 : 190, status === 'applicant' ? 20 : 400) * DAY),
      updatedAt: iso(now - rng.int(0, 30) * DAY),
      version: 1,
    };
    partners.push({ ...row, searchText: specs.partnersSpec.searchOf!(row) });
    for (const s of offered) {
      partnerServices.push({ partnerId: id, serviceCode: s.id });
      if (status === 'active') activeByService.set(s.id, [...(activeByService.get(s.id) ?? []), id]);
    }
  }

  const clients: Record<string, unknown>[] = [];
  for (let id = 1; id <= nClients; id++) {
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const row = {
      id,
      reference: `C${String(id).padStart(6, '0')}`,
      firstName,
      lastName,
      email: makeEmail(firstName, lastName, id, 'client.exemple.fr'),
      phone: makePhone(rng),
      ...place(rng, CITIES[rng.int(0, CITIES.length - 1)]),
      createdAt: iso(now - rng.int(1, 400) * DAY),
      deletedAt: null,
    };
    clients.push({ ...row, searchText: specs.clientsSpec.searchOf!(row) });
  }

  const orders: Record<string, unknown>[] = [];
  const proposals: Record<string, unknown>[] = [];
  const reviews: Record<string, unknown>[] = [];
  const payments: Record<string, unknown>[] = [];
  const bookable = SERVICES.filter((s) => (activeByService.get(s.id) ?? []).length > 0);
  for (let id = 1; id <= nOrders; id++) {
    const service = rng.pick(bookable);
    const client = clients[rng.int(0, clients.length - 1)];
    const future = id > nOrders * 0.9;
    // Past orders on one of the 180 days before today, upcoming ones from tomorrow on; 08:00–19:00 Paris time.
    const day = Math.floor(now / DAY) * DAY + (future ? rng.int(1, 14) : -rng.int(1, 180)) * DAY;
    const start = day + rng.int(6 * 4, 17 * 4) * QUARTER;
    const createdAt = start - rng.int(3, 10 * 24) * HOUR;
    const candidates = activeByService.get(service.id)!;
    const nProps = rng.int(1, Math.min(4, candidates.length));
    const pick = [...candidates].sort(() => rng.next() - 0.5).slice(0, nProps);
    let status: string;
    if (future) status = rng.chance(0.85) ? 'accepted' : 'dispatching';
    else status = rng.weighted(['completed', 'cancelled_by_client', 'cancelled_by_partner', 'no_show', 'expired'], [86, 6, 4, 1, 3]);
    const accepted = status !== 'dispatching' && status !== 'expired';
    const partnerId = accepted ? pick[pick.length - 1] : null;
    const row = {
      id,
      reference: `R${String(id).padStart(7, '0')}`,
      clientId: client.id,
      partnerId,
      serviceCode: service.id,
      startsAt: iso(start),
      endsAt: iso(start + service.durationMin * 60_000),
      status,
      priceCents: service.priceCents,
      partnerPayCents: service.partnerPayCents,
      address: client.address,
      postcode: client.postcode,
      city: client.city,
      lat: client.lat,
      lng: client.lng,
      createdAt: iso(createdAt),
      sheetSignedAt: status === 'completed' && rng.chance(0.3) ? iso(start + DAY) : null,
      version: 1,
    };
    orders.push({ ...row, searchText: specs.ordersSpec.searchOf!(row) });
    const windowMs = 30 * 60_000;
    pick.forEach((pid, i) => {
      const sentAt = createdAt + i * windowMs;
      const last = i === pick.length - 1;
      const answer = last && accepted ? 'accepted' : last && status === 'dispatching' ? null : rng.weighted(['declined', 'timeout', 'other_slot'], [5, 4, 1]);
      proposals.push({
        orderId: id,
        partnerId: pid,
        rank: i + 1,
        sentAt: iso(sentAt),
        deadlineAt: iso(sentAt + windowMs),
        answer,
        answeredAt: answer === null ? null : iso(sentAt + (answer === 'timeout' ? windowMs : rng.int(1, 25) * 60_000)),
        proposedStartsAt: answer === 'other_slot' ? iso(start + 2 * HOUR) : null,
      });
    });
    if (status === 'completed') {
      payments.push({ orderId: id, kind: service.vertical === 'care' ? 'urssaf_debit' : 'capture', amountCents: service.priceCents, dueAt: iso(start + DAY), doneAt: iso(start + DAY) });
      if (rng.chance(0.6)) {
        const rating = rng.weighted([5, 4, 3, 2, 1], [50, 28, 10, 7, 5]);
        const written = start + rng.int(2, 72) * HOUR;
        const comment = rating >= 4 ? rng.pick(['Très professionnelle, je recommande.', 'Ponctuel et efficace.', 'Parfait, merci !']) : rating === 3 ? 'Correct, sans plus.' : rng.pick(['Retard de 30 minutes.', 'Travail bâclé, déçue.']);
        reviews.push({
          orderId: id,
          partnerId,
          clientId: client.id,
          rating,
          recommended: rating >= 4,
          comment,
          surveyAnswered: true,
          createdAt: iso(written),
          editedAt: null,
          // REV-2: positive at once, negative one week later (REV-8: 1 or 2 is negative).
          publishedAt: rating <= 2 ? (written + 7 * DAY <= now ? iso(written + 7 * DAY) : null) : iso(written),
          searchText: specs.reviewsSpec.searchOf!({ comment }),
        });
      }
    }
  }

  // Issue 4: the partners' files (documents, checks, registry), from a PRNG stream of their own.
  const verification = await buildVerificationSeed(partners, { now: options.now, seed: options.seed ?? 20261121, uploadsDir: options.uploadsDir });
  for (const row of partners) Object.assign(row, verification.partnerColumns.get(Number(row.id)) ?? {});

  await db.transaction(async (trx) => {
    await insertChunks(trx, 'partners', partners);
    await insertChunks(trx, 'partnerServices', partnerServices);
    await insertChunks(trx, 'clients', clients);
    await insertChunks(trx, 'orders', orders);
    await insertChunks(trx, 'proposals', proposals);
    await insertChunks(trx, 'reviews', reviews);
    await insertChunks(trx, 'payments', payments);
    await insertChunks(trx, 'documents', verification.documents);
    await insertChunks(trx, 'partnerChecks', verification.checks);
    await insertChunks(trx, 'registryFixtures', verification.registryFixtures);
    await insertChunks(trx, 'registryLookups', verification.registryLookups);
    await resetSequences(trx, ['partners', 'clients', 'orders']);
  });

  return { users: DEMO_USERS.length, partners: partners.length, clients: clients.length, orders: orders.length, proposals: proposals.length, reviews: reviews.length };
}

export async function isEmpty(db: Knex): Promise<boolean> {
  const row = await db('users').count({ n: '*' }).first();
  return Number(row?.n ?? 0) === 0;
}

/** The demo's staff accounts (password `demo1234`), the app token and the service catalogue (PAY-1 prices). */
export async function seedStaffAndCatalogue(db: Knex, now: Date): Promise<void> {
  const at = new Date(now.getTime() - 200 * DAY).toISOString();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (trx) => {
    await trx('users').insert(DEMO_USERS.map((u, i) => ({ id: i + 1, ...u, passwordHash, active: true, createdAt: at, updatedAt: at, searchText: usersSpec.searchOf!(u) })));
    await trx('appTokens').insert({ name: 'Démo (applications client et partenaire)', tokenHash: hashToken(DEMO_APP_TOKEN), createdBy: 1, createdAt: at });
    await trx('services').insert(SERVICES.map((s) => ({ ...s, searchText: specs.servicesSpec.searchOf!(s as never) })));
    await resetSequences(trx, ['users']);
  });
}
