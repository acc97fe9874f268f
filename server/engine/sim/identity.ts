/**
 * Made-up but well-formed French identities for the demo marketplace: names, emails,
 * phone numbers, addresses around real city centres, SIRENs (Luhn) and French IBANs
 * (RIB key and ISO 13616 check digits) that the validators accept.
 */
import { luhnCheckDigit } from '../../../shared/validators';
import { ibanCheckDigits, ribKey } from '../../../shared/validators/iban';
import type { Random } from '../random';
import { FIRST_NAMES, LAST_NAMES, type CitySeed } from './catalogue';

export function makeSiren(rng: Random): string {
  const body = String(rng.int(10_000_000, 99_999_999));
  return body + luhnCheckDigit(body);
}

export function makeFrenchIban(rng: Random): string {
  const bank = String(rng.int(10000, 39999));
  const branch = String(rng.int(10000, 99999)).padStart(5, '0');
  const account = String(rng.int(0, 99_999_999_999)).padStart(11, '0');
  const bban = bank + branch + account + ribKey(bank, branch, account);
  return `FR${ibanCheckDigits('FR', bban)}${bban}`;
}

export function makePhone(rng: Random): string {
  return `0${rng.pick(['6', '7'])} ${Array.from({ length: 4 }, () => String(rng.int(0, 99)).padStart(2, '0')).join(' ')}`;
}

export function makeName(rng: Random): { firstName: string; lastName: string } {
  return { firstName: rng.pick(FIRST_NAMES), lastName: rng.pick(LAST_NAMES) };
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z]+/g, '');
}

export function makeEmail(first: string, last: string, n: number, domain: string): string {
  return `${fold(first)}.${fold(last)}${n}@${domain}`;
}

/** An address within ~`spreadKm` of the city centre. */
export function makePlace(rng: Random, city: CitySeed, spreadKm = 4) {
  const dLat = ((rng.next() - 0.5) * 2 * spreadKm) / 111;
  const dLng = ((rng.next() - 0.5) * 2 * spreadKm) / (111 * Math.cos((city.lat * Math.PI) / 180));
  return {
    address: `${rng.int(1, 180)} ${rng.pick(city.streets)}`,
    postcode: city.postcode,
    city: city.name,
    lat: Number((city.lat + dLat).toFixed(5)),
    lng: Number((city.lng + dLng).toFixed(5)),
  };
}

export function makeBirthDate(rng: Random): string {
  return `${rng.int(1965, 2003)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
}
