/**
 * The INSEE API Sirene 3.11 client against msw handlers answering like INSEE (REF-2):
 * an active sole trader, a ceased company, a partially disclosed unit ("[ND]"), 404, 401,
 * 403, 429 with Retry-After (back-off, then give up), 5xx, and a timeout (AbortSignal).
 * Plus the offline adapter and the adapter choice from the configuration.
 */
import { delay, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInseeClient, createOfflineRegistry, createRegistry, FIXTURE_COMPANIES, INSEE_KEY_HEADER, RegistryError, UNKNOWN_FIXTURE_SIREN } from './index';
import { parseUniteLegale } from './inseeClient';
import type { JsonObject } from '../../shared/json';

const BASE = 'https://api.insee.test/api-sirene/3.11';
const KEY = 'test-integration-key';

/** A period of `uniteLegale.periodesUniteLegale`, shaped like INSEE's (every key present, nulls included). */
function period(over: JsonObject = {}) {
  return {
    dateFin: null,
    dateDebut: '2021-03-01',
    etatAdministratifUniteLegale: 'A',
    changementEtatAdministratifUniteLegale: false,
    nomUniteLegale: 'DUPONT',
    changementNomUniteLegale: false,
    nomUsageUniteLegale: null,
    changementNomUsageUniteLegale: false,
    denominationUniteLegale: null,
    changementDenominationUniteLegale: false,
    denominationUsuelle1UniteLegale: null,
    denominationUsuelle2UniteLegale: null,
    denominationUsuelle3UniteLegale: null,
    changementDenominationUsuelleUniteLegale: false,
    categorieJuridiqueUniteLegale: '1000',
    changementCategorieJuridiqueUniteLegale: false,
    activitePrincipaleUniteLegale: '96.02A',
    nomenclatureActivitePrincipaleUniteLegale: 'NAFRev2',
    changementActivitePrincipaleUniteLegale: false,
    nicSiegeUniteLegale: '00017',
    changementNicSiegeUniteLegale: false,
    economieSocialeSolidaireUniteLegale: null,
    changementEconomieSocialeSolidaireUniteLegale: false,
    societeMissionUniteLegale: null,
    changementSocieteMissionUniteLegale: false,
    caractereEmployeurUniteLegale: 'N',
    changementCaractereEmployeurUniteLegale: false,
    ...over,
  };
}

function unit(siren: string, over: JsonObject = {}, periods = [period()]) {
  return {
    header: { statut: 200, message: 'ok' },
    uniteLegale: {
      siren,
      statutDiffusionUniteLegale: 'O',
      unitePurgeeUniteLegale: null,
      dateCreationUniteLegale: '2021-03-01',
      sigleUniteLegale: null,
      sexeUniteLegale: 'F',
      prenom1UniteLegale: 'MARIE',
      prenom2UniteLegale: 'LOUISE',
      prenom3UniteLegale: null,
      prenom4UniteLegale: null,
      prenomUsuelUniteLegale: 'MARIE',
      pseudonymeUniteLegale: null,
      identifiantAssociationUniteLegale: null,
      trancheEffectifsUniteLegale: null,
      anneeEffectifsUniteLegale: null,
      dateDernierTraitementUniteLegale: '2024-05-02T10:11:12.000',
      nombrePeriodesUniteLegale: periods.length,
      categorieEntreprise: 'PME',
      anneeCategorieEntreprise: '2022',
      periodesUniteLegale: periods,
      ...over,
    },
  };
}

const ACTIVE = '812345676';
const CEASED = '823456785';
const HIDDEN = '834567893';
const COMPANY = '856789011';
const calls: { url: string; key: string | null }[] = [];
let rateLimitedTimes = 0;
let flakyTimes = 0;

const server = setupServer(
  http.get(`${BASE}/siren/:siren`, async ({ request, params }) => {
    calls.push({ url: request.url, key: request.headers.get(INSEE_KEY_HEADER) });
    if (request.headers.get(INSEE_KEY_HEADER) !== KEY) {
      return HttpResponse.json({ fault: { code: 900901, message: 'Invalid Credentials' } }, { status: 401 });
    }
    switch (params.siren) {
      case ACTIVE:
        return HttpResponse.json(unit(ACTIVE));
      case CEASED:
        return HttpResponse.json(
          unit(CEASED, { prenom1UniteLegale: null, prenomUsuelUniteLegale: null, sexeUniteLegale: null }, [
            period({ etatAdministratifUniteLegale: 'C', nomUniteLegale: null, denominationUniteLegale: 'ANCIENNE COIFFURE', categorieJuridiqueUniteLegale: '5499', dateDebut: '2023-06-30' }),
            period({ dateFin: '2023-06-29', nomUniteLegale: null, denominationUniteLegale: 'ANCIENNE COIFFURE', categorieJuridiqueUniteLegale: '5499' }),
          ]),
        );
      case HIDDEN:
        return HttpResponse.json(
          unit(HIDDEN, { statutDiffusionUniteLegale: 'P', prenom1UniteLegale: '[ND]', prenomUsuelUniteLegale: '[ND]', sexeUniteLegale: '[ND]' }, [
            period({ nomUniteLegale: '[ND]', activitePrincipaleUniteLegale: '96.02B' }),
          ]),
        );
      case COMPANY:
        return HttpResponse.json(unit(COMPANY, { prenom1UniteLegale: null, prenomUsuelUniteLegale: null }, [period({ nomUniteLegale: null, denominationUniteLegale: 'BELLE ET ZEN', categorieJuridiqueUniteLegale: '5710', activitePrincipaleUniteLegale: '96.04Z' })]));
      case '403000008':
        return HttpResponse.json({ header: { statut: 403, message: 'Unité légale non diffusable' } }, { status: 403 });
      case '429000007':
        rateLimitedTimes++;
        if (rateLimitedTimes <= 1) return HttpResponse.json({ header: { statut: 429, message: 'Trop de requêtes' } }, { status: 429, headers: { 'Retry-After': '1' } });
        return HttpResponse.json(unit('429000007'));
      case '429000015':
        return HttpResponse.json({ header: { statut: 429, message: 'Trop de requêtes' } }, { status: 429, headers: { 'Retry-After': '1' } });
      case '429000023':
        return HttpResponse.json({ header: { statut: 429, message: 'Trop de requêtes' } }, { status: 429, headers: { 'Retry-After': '3600' } });
      case '500000009':
        flakyTimes++;
        if (flakyTimes <= 1) return new HttpResponse('Service Unavailable', { status: 503 });
        return HttpResponse.json(unit('500000009'));
      case '500000017':
        return new HttpResponse('Bad Gateway', { status: 502 });
      case '999000006':
        await delay('infinite');
        return HttpResponse.json(unit('999000006'));
      default:
        return HttpResponse.json({ header: { statut: 404, message: `Aucun élément trouvé pour le siren ${String(params.siren)}` } }, { status: 404 });
    }
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  calls.length = 0;
});
afterAll(() => server.close());

/** A client whose back-off sleeps are recorded instead of waited. */
function client(over: Partial<Parameters<typeof createInseeClient>[0]> = {}) {
  const slept: number[] = [];
  const c = createInseeClient({
    apiKey: KEY,
    baseUrl: BASE,
    timeoutMs: 200,
    sleep: async (ms) => {
      slept.push(ms);
    },
    ...over,
  });
  return { c, slept };
}

describe('INSEE API Sirene 3.11 client (REF-2)', () => {
  it('when the SIREN is an active sole trader, then GET /siren/{siren} with the integration key returns name, active, NAF, legal category and diffusion O', async () => {
    const { c } = client();
    expect(await c.lookup(ACTIVE)).toEqual({ siren: ACTIVE, name: 'DUPONT MARIE', active: true, nafCode: '96.02A', legalCategory: '1000', diffusion: 'O' });
    expect(calls).toEqual([{ url: `${BASE}/siren/${ACTIVE}`, key: KEY }]);
  });

  it('when the company ceased (etatAdministratifUniteLegale C in the current period), then active is false and the denomination is the name', async () => {
    const { c } = client();
    expect(await c.lookup(CEASED)).toMatchObject({ active: false, name: 'ANCIENNE COIFFURE', legalCategory: '5499' });
  });

  it('when the unit is a company, then its denomination is the name', async () => {
    const { c } = client();
    expect(await c.lookup(COMPANY)).toMatchObject({ name: 'BELLE ET ZEN', nafCode: '96.04Z', legalCategory: '5710' });
  });

  it('when the unit is partially disclosed (statutDiffusionUniteLegale P, "[ND]" fields), then diffusion is P and the hidden name is null', async () => {
    const { c } = client();
    expect(await c.lookup(HIDDEN)).toEqual({ siren: HIDDEN, name: null, active: true, nafCode: '96.02B', legalCategory: '1000', diffusion: 'P' });
  });

  it('when INSEE answers 404, then the lookup returns null (unknown SIREN)', async () => {
    const { c } = client();
    expect(await c.lookup('732829320')).toBeNull();
  });

  it('when the key is refused (401) or the unit is not disclosable (403), then a RegistryError says which', async () => {
    const bad = createInseeClient({ apiKey: 'wrong', baseUrl: BASE });
    await expect(bad.lookup(ACTIVE)).rejects.toMatchObject({ name: 'RegistryError', code: 'unauthorized' });
    const { c } = client();
    await expect(c.lookup('403000008')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('when INSEE answers 429 with Retry-After: 1 once, then the client waits 1 s and retries successfully', async () => {
    rateLimitedTimes = 0;
    const { c, slept } = client();
    expect(await c.lookup('429000007')).toMatchObject({ siren: '429000007', active: true });
    expect(slept).toEqual([1000]);
    expect(calls).toHaveLength(2);
  });

  it('when INSEE keeps answering 429, then the client gives up after its retries with rate_limited and the Retry-After', async () => {
    const { c, slept } = client({ maxRateLimitRetries: 2 });
    const err = await c.lookup('429000015').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect(err).toMatchObject({ code: 'rate_limited', retryAfterSec: 1 });
    expect(slept).toEqual([1000, 1000]);
    expect(calls).toHaveLength(3);
  });

  it('when Retry-After asks for longer than the client may wait, then it fails at once with rate_limited (no blocking for an hour)', async () => {
    const { c, slept } = client({ maxRetryAfterMs: 10_000 });
    await expect(c.lookup('429000023')).rejects.toMatchObject({ code: 'rate_limited', retryAfterSec: 3600 });
    expect(slept).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('when the client really waits on Retry-After, then the default sleep is used (about 1 s)', async () => {
    rateLimitedTimes = 0;
    const c = createInseeClient({ apiKey: KEY, baseUrl: BASE });
    const t0 = Date.now();
    await c.lookup('429000007');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(950);
  });

  it('when INSEE answers 503 once, then one retry after back-off succeeds; a lasting 502 is unavailable', async () => {
    flakyTimes = 0;
    const { c, slept } = client({ backoffMs: 250 });
    expect(await c.lookup('500000009')).toMatchObject({ siren: '500000009' });
    expect(slept).toEqual([250]);
    await expect(c.lookup('500000017')).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('when INSEE does not answer within timeoutMs, then the request is aborted and the lookup fails with timeout', async () => {
    const { c } = client({ timeoutMs: 100 });
    const t0 = Date.now();
    await expect(c.lookup('999000006')).rejects.toMatchObject({ code: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('when the caller aborts its own signal, then the lookup stops with timeout as well', async () => {
    const { c } = client({ timeoutMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(c.lookup('999000006', { signal: controller.signal })).rejects.toMatchObject({ code: 'timeout' });
  });

  it('when the payload is not INSEE’s shape, then unavailable (never a crash)', async () => {
    server.use(http.get(`${BASE}/siren/:siren`, () => HttpResponse.json({ something: 'else' })));
    const { c } = client();
    await expect(c.lookup(ACTIVE)).rejects.toMatchObject({ code: 'unavailable' });
    expect(() => parseUniteLegale({ periodesUniteLegale: [] }, ACTIVE)).toThrow(RegistryError);
  });
});

describe('offline registry and adapter choice', () => {
  it('when a fixture SIREN is looked up offline, then its company is returned; an unknown valid SIREN is null', async () => {
    const r = createOfflineRegistry();
    expect(r.mode).toBe('offline');
    expect(await r.lookup(FIXTURE_COMPANIES[1].siren)).toEqual(FIXTURE_COMPANIES[1]);
    expect(await r.lookup(UNKNOWN_FIXTURE_SIREN)).toBeNull();
  });

  it('when the offline registry has an extra directory (the demo table), then it is asked after the fixtures', async () => {
    const r = createOfflineRegistry([], async (s) => (s === UNKNOWN_FIXTURE_SIREN ? { ...FIXTURE_COMPANIES[0], siren: s } : null));
    expect(await r.lookup(UNKNOWN_FIXTURE_SIREN)).toMatchObject({ siren: UNKNOWN_FIXTURE_SIREN });
  });

  it('when INSEE_API_KEY is configured, then createRegistry gives the INSEE client; otherwise the offline one', async () => {
    expect(createRegistry({ registryMode: 'offline' }).mode).toBe('offline');
    const insee = createRegistry({ registryMode: 'insee', inseeApiKey: KEY, inseeBaseUrl: BASE });
    expect(insee.mode).toBe('insee');
    expect(await insee.lookup(ACTIVE)).toMatchObject({ name: 'DUPONT MARIE' });
    expect(() => createRegistry({ registryMode: 'insee' })).toThrow(/INSEE_API_KEY/);
  });
});
