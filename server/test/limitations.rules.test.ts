/**
 * The pure parts of the limitation rules: the CON-1 contact detector on French spellings (and on innocent
 * texts), the partner message template, and the LIM-4 end-date bound.
 */
import { describe, expect, it } from 'vitest';
import { detectContactDetails, sharesContactDetails } from '../limitations/contactDetector';
import { limitationMessage, parisDays } from '../limitations/messages';
import { latestEnd } from '../limitations/applyLimitation';

describe('contact detector (CON-1)', () => {
  const shares: Array<[string, string]> = [
    ['Appelez-moi au 06 12 34 56 78', 'phone'],
    ['mon numéro : 06.12.34.56.78', 'phone'],
    ['06-12-34-56-78 après 18h', 'phone'],
    ['0612345678', 'phone'],
    ['+33 6 12 34 56 78', 'phone'],
    ['+33612345678', 'phone'],
    ['0033 6 12 34 56 78', 'phone'],
    ['+33 (0)6 12 34 56 78', 'phone'],
    ['fixe 01 45 67 89 10', 'phone'],
    ['écrivez à marie.dupont@gmail.com', 'email'],
    ['marie.dupont @ gmail.com', 'email'],
    ['virement sur FR76 3000 6000 0112 3456 7890 189', 'iban'],
    ['IBAN FR7630006000011234567890189', 'iban'],
    ['voir www.mon-salon.fr', 'url'],
    ['https://instagram.com/coiffeuse', 'url'],
    ['réservez sur monsalon.com', 'url'],
    ['je prends 30 € de l’heure', 'price'],
    ['30€ la coupe', 'price'],
    ['30 euros en direct', 'price'],
    ['ça fera 30e', 'price'],
    ['25,50 € seulement', 'price'],
    ['€40 cash', 'price'],
    ['45 eur', 'price'],
  ];
  it.each(shares)('when a partner writes "%s", then %s is detected', (text, kind) => {
    expect(detectContactDetails(text).map((m) => m.kind)).toContain(kind);
  });

  const innocent = [
    'Je serai là à 14h30 comme prévu',
    'Rendez-vous le 12/03/2026 à 9h',
    'rendez-vous le 12.03.2026',
    'Commande CMD-2026-004512 confirmée',
    'Votre commande n° 123456 est prête',
    'Merci beaucoup, à mardi !',
    'J’arrive dans 10 minutes',
    'Il me faut 2 serviettes et 30 ml de shampoing',
    'La séance dure 45 min, 1h au plus',
    'Code porte 4587B, 3e étage',
    'Ok pour le 3 mars',
    'J’habite dans le 15e',
    'au 20e arrondissement',
    'C’est la 10e fois que je viens',
  ];
  it.each(innocent)('when a partner writes "%s", then nothing is detected', (text) => {
    expect(detectContactDetails(text)).toEqual([]);
    expect(sharesContactDetails(text)).toBe(false);
  });
});

describe('partner message template', () => {
  const base = {
    kind: 'manual' as const,
    reason: 'no_show' as const,
    modality: 'existing_clients_only' as const,
    startsAt: new Date('2026-11-20T10:00:00Z'),
    endsAt: new Date('2027-01-19T10:00:00Z'),
    at: new Date('2026-11-20T10:00:00Z'),
    firstName: 'Inès',
  };
  it('when a manual limitation is applied, then the message gives the reason in words, the modality, the duration and the Paris end date, and says to write or call', () => {
    const m = limitationMessage({ ...base, decision: 'apply' });
    expect(m.subject).toMatch(/Limitation/);
    expect(m.body).toContain('Bonjour Inès,');
    expect(m.body).toContain('un rendez-vous manqué sans prévenir le client');
    expect(m.body).toContain('clients que vous avez déjà servis');
    expect(m.body).toContain('60 jours');
    expect(m.body).toContain('mardi 19 janvier 2027');
    expect(m.body).toMatch(/écrivez-nous/);
    expect(m.body).not.toMatch(/accepter une proposition/);
  });
  it('when an automatic limitation is applied, then accepting a proposal is the way out (LIM-3)', () => {
    const m = limitationMessage({ ...base, kind: 'automatic', reason: 'no_acceptance_in_last_50', endsAt: null, decision: 'apply' });
    expect(m.body).toMatch(/accepter une proposition/);
    expect(m.body).toMatch(/pas de date de fin/);
  });
  it('when the end instant is late evening UTC, then the date is the Paris one', () => {
    const m = limitationMessage({ ...base, endsAt: new Date('2026-12-31T23:30:00Z'), decision: 'apply', modality: 'reduced' });
    expect(m.body).toContain('vendredi 1 janvier 2027');
    expect(m.body).toContain('moins souvent');
  });
  it('when lifted or terminated, then the message says so with the date', () => {
    expect(limitationMessage({ ...base, decision: 'lift' }).body).toContain('est levée à compter du vendredi 20 novembre 2026');
    const t = limitationMessage({ ...base, decision: 'terminate' });
    expect(t.body).toContain('14.3');
    expect(t.subject).toMatch(/Fin/);
  });
  it('counts Paris calendar days', () => {
    expect(parisDays(new Date('2026-03-28T12:00:00Z'), new Date('2026-03-30T12:00:00Z'))).toBe(2);
  });
});

describe('LIM-4 end-date bound', () => {
  it('is 6 calendar months later, clamped to the month’s last day', () => {
    expect(latestEnd(new Date('2026-11-20T10:00:00Z')).toISOString()).toBe('2027-05-20T10:00:00.000Z');
    expect(latestEnd(new Date('2026-08-31T10:00:00Z')).toISOString()).toBe('2027-02-28T10:00:00.000Z');
  });
});
