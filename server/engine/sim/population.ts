/**
 * The demo marketplace's people: partners with a behaviour profile (how often they
 * answer, accept, cancel, miss a session, how clients rate them) and clients with an
 * ordering habit (once, now and then, or every week with a favourite). Everything is
 * drawn from the seeded PRNG, so the same seed gives the same people.
 */
import type { PartnerStatus, Vertical, WeeklySlot } from '../../../shared/domain';
import type { Random } from '../random';
import { CITIES, SERVICES, type ServiceSeed } from './catalogue';
import { makeBirthDate, makeEmail, makeFrenchIban, makeName, makePhone, makePlace, makeSiren } from './identity';

export interface SimScale {
  partners: number;
  clients: number;
  /**
   * How far from a city centre people live (km; default 5 for partners, 6 for clients).
   * The large scale spreads its 13× more people over each city's surroundings, so that a
   * client's order has about as many partners around as at the default scale (a bigger
   * market, not a 13× denser one).
   */
  spreadKm?: number;
}

export const SCALES = {
  test: { partners: 120, clients: 1500 },
  default: { partners: 1500, clients: 22_000 },
  large: { partners: 20_000, clients: 320_000, spreadKm: 40 },
} as const satisfies Record<string, SimScale>;
export type ScaleName = keyof typeof SCALES;

export type PartnerKind = 'star' | 'good' | 'average' | 'unreliable' | 'ghost';

export interface PartnerProfile {
  kind: PartnerKind;
  /** Probability of answering a proposal within its window (else: timeout). */
  answerP: number;
  /** Given an answer: probability it is an acceptance (else decline or other slot). */
  acceptP: number;
  otherSlotP: number;
  /** Per accepted session. */
  cancelP: number;
  noShowP: number;
  /** Mean rating clients give (1–5). */
  quality: number;
}

const PROFILES: Record<PartnerKind, Omit<PartnerProfile, 'kind'>> = {
  star: { answerP: 0.95, acceptP: 0.9, otherSlotP: 0.03, cancelP: 0.002, noShowP: 0, quality: 4.85 },
  good: { answerP: 0.85, acceptP: 0.7, otherSlotP: 0.05, cancelP: 0.01, noShowP: 0.002, quality: 4.4 },
  average: { answerP: 0.75, acceptP: 0.5, otherSlotP: 0.06, cancelP: 0.03, noShowP: 0.006, quality: 3.9 },
  unreliable: { answerP: 0.6, acceptP: 0.45, otherSlotP: 0.08, cancelP: 0.09, noShowP: 0.025, quality: 3.2 },
  ghost: { answerP: 0.35, acceptP: 0.01, otherSlotP: 0.02, cancelP: 0.05, noShowP: 0.01, quality: 3.5 },
};

export interface SimPartner {
  id: number;
  reference: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  birthDate: string;
  address: string;
  postcode: string;
  city: string;
  lat: number;
  lng: number;
  siren: string;
  iban: string;
  vertical: Vertical;
  services: string[];
  radiusKm: number;
  weeklyHours: WeeklySlot[];
  /** Status at `now` before the simulation's own changes (terminations). */
  status: PartnerStatus;
  createdAt: number;
  /** When the partner became active (approved); null if never. */
  activeFrom: number | null;
  payoutFrequency: 'weekly' | 'monthly';
  profile: PartnerProfile;
}

export type ClientHabit = 'once' | 'sometimes' | 'twice_weekly' | 'weekly' | 'fortnightly';

export interface SimClient {
  id: number;
  reference: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  address: string;
  postcode: string;
  city: string;
  lat: number;
  lng: number;
  createdAt: number;
  habit: ClientHabit;
  /** The services this client books. */
  services: ServiceSeed[];
  /** PAY-5: Care paid through the URSSAF immediate advance. */
  immediateAdvance: boolean;
}

const DAY = 86_400_000;

function weeklyHours(rng: Random, vertical: Vertical): WeeklySlot[] {
  const out: WeeklySlot[] = [];
  for (let day = 1; day <= 7; day++) {
    const works = day <= 5 ? rng.chance(0.85) : day === 6 ? rng.chance(0.55) : rng.chance(0.15);
    if (!works) continue;
    const from = vertical === 'care' ? rng.pick(['07:30', '08:00', '09:00']) : rng.pick(['08:00', '09:00', '10:00']);
    const to = rng.pick(['17:00', '18:00', '19:00', '20:00', '21:00']);
    out.push({ day, from, to });
  }
  if (out.length === 0) out.push({ day: 3, from: '09:00', to: '18:00' });
  return out;
}

function partnerStatus(rng: Random): PartnerStatus {
  return rng.weighted<PartnerStatus>(['active', 'applicant', 'in_review', 'refused'], [90, 4, 3, 3]);
}

export function makePartners(rng: Random, scale: SimScale, windowStart: number, now: number): SimPartner[] {
  const partners: SimPartner[] = [];
  // A SIREN names one company (registryFixtures.siren is unique): 20,000 random ones collide now and then.
  const sirens = new Set<string>();
  const uniqueSiren = () => {
    let siren = makeSiren(rng);
    while (sirens.has(siren)) siren = makeSiren(rng);
    sirens.add(siren);
    return siren;
  };
  for (let id = 1; id <= scale.partners; id++) {
    const vertical: Vertical = rng.chance(0.55) ? 'wellness' : 'care';
    const ofVertical = SERVICES.filter((s) => s.vertical === vertical);
    let services = ofVertical.filter(() => rng.chance(0.45)).map((s) => s.id);
    if (services.length === 0) services = [rng.pick(ofVertical).id];
    const { firstName, lastName } = makeName(rng);
    const city = CITIES[rng.int(0, CITIES.length - 1)];
    const status = partnerStatus(rng);
    const kind = rng.weighted<PartnerKind>(['star', 'good', 'average', 'unreliable', 'ghost'], [4, 48, 36, 9, 3]);
    // Most active partners were there before the window; a third joined during it.
    const createdAt =
      status === 'active'
        ? rng.chance(0.7)
          ? windowStart - rng.int(10, 400) * DAY
          : windowStart + rng.int(0, Math.floor((now - windowStart) / DAY) - 5) * DAY
        : now - rng.int(1, status === 'refused' ? 120 : 30) * DAY;
    partners.push({
      id,
      reference: `P${String(id).padStart(6, '0')}`,
      firstName,
      lastName,
      email: makeEmail(firstName, lastName, id, 'exemple.fr'),
      phone: makePhone(rng),
      birthDate: makeBirthDate(rng),
      ...makePlace(rng, city, scale.spreadKm ?? 5),
      siren: uniqueSiren(),
      iban: makeFrenchIban(rng),
      vertical,
      services,
      radiusKm: rng.pick([5, 8, 10, 12, 15, 20, 25]),
      weeklyHours: weeklyHours(rng, vertical),
      status,
      createdAt: createdAt + rng.int(8 * 60, 18 * 60) * 60_000,
      activeFrom: status === 'active' ? createdAt + rng.int(2, 9) * DAY : null,
      payoutFrequency: rng.chance(0.15) ? 'monthly' : 'weekly',
      profile: { kind, ...PROFILES[kind] },
    });
  }
  return partners;
}

export function makeClients(rng: Random, scale: SimScale, windowStart: number, now: number): SimClient[] {
  const clients: SimClient[] = [];
  for (let id = 1; id <= scale.clients; id++) {
    const { firstName, lastName } = makeName(rng);
    const city = CITIES[rng.int(0, CITIES.length - 1)];
    const habit = rng.weighted<ClientHabit>(['once', 'sometimes', 'twice_weekly', 'weekly', 'fortnightly'], [88, 3, 5, 3, 1]);
    const regular = habit === 'twice_weekly' || habit === 'weekly' || habit === 'fortnightly';
    const vertical: Vertical = regular ? (rng.chance(0.7) ? 'care' : 'wellness') : rng.chance(0.6) ? 'wellness' : 'care';
    const ofVertical = SERVICES.filter((s) => s.vertical === vertical);
    const services = regular ? [rng.pick(ofVertical)] : [rng.pick(ofVertical), rng.pick(ofVertical)];
    const span = Math.floor((now - windowStart) / DAY);
    clients.push({
      id,
      reference: `C${String(id).padStart(6, '0')}`,
      firstName,
      lastName,
      email: makeEmail(firstName, lastName, id, 'client.exemple.fr'),
      phone: makePhone(rng),
      ...makePlace(rng, city, scale.spreadKm ?? 6),
      // Regulars mostly were clients before the window opened, and keep ordering through it.
      createdAt: windowStart + ((regular && rng.chance(0.7) ? -rng.int(1, 300) : rng.int(-120, span - 1)) * DAY + rng.int(0, DAY - 1)),
      habit,
      services,
      immediateAdvance: vertical === 'care' && rng.chance(0.7),
    });
  }
  return clients;
}
