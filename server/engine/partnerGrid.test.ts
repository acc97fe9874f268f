import { describe, expect, it } from 'vitest';
import { distanceKm } from './geo';
import { PartnerGrid, type GridPartner } from './partnerGrid';
import { mulberry32, type Random } from './random';

let nextId = 1;
function randomPartners(rnd: Random, n: number, box: { lat: [number, number]; lng: [number, number] }): GridPartner[] {
  const between = ([lo, hi]: [number, number]) => lo + rnd.next() * (hi - lo);
  return Array.from({ length: n }, () => ({
    id: nextId++,
    lat: between(box.lat),
    lng: between(box.lng),
    // Mostly city radii, some country-wide ones up to 100 km, some fractional.
    radiusKm: rnd.chance(0.1) ? rnd.int(50, 100) : rnd.chance(0.5) ? rnd.int(1, 30) : 0.5 + rnd.next() * 20,
  }));
}

function bruteForce(partners: GridPartner[], lat: number, lng: number): (number | string)[] {
  return partners
    .filter((p) => distanceKm(p.lat, p.lng, lat, lng) <= p.radiusKm)
    .map((p) => p.id)
    .sort((a, b) => Number(a) - Number(b));
}

const sortedIds = (grid: PartnerGrid<GridPartner>, lat: number, lng: number) =>
  grid.near(lat, lng).map((x) => x.partner.id).sort((a, b) => Number(a) - Number(b));

const FRANCE = { lat: [42.3, 51.1] as [number, number], lng: [-4.8, 8.2] as [number, number] };
const ILE_DE_FRANCE = { lat: [48.5, 49.2] as [number, number], lng: [1.8, 2.9] as [number, number] };

describe('partner grid', () => {
  it.each([2, 10, 37, 200])('DSP-9: with %i km cells, the grid finds exactly what a full scan finds (seeded)', (cellKm) => {
    const rnd = mulberry32(20260520 + cellKm);
    const partners = [...randomPartners(rnd, 1500, ILE_DE_FRANCE), ...randomPartners(rnd, 1500, FRANCE)];
    const grid = new PartnerGrid(partners, { cellKm });
    for (let q = 0; q < 200; q++) {
      const box = q % 2 === 0 ? ILE_DE_FRANCE : FRANCE;
      const lat = box.lat[0] + rnd.next() * (box.lat[1] - box.lat[0]);
      const lng = box.lng[0] + rnd.next() * (box.lng[1] - box.lng[0]);
      expect(sortedIds(grid, lat, lng)).toEqual(bruteForce(partners, lat, lng));
    }
  });

  it('DSP-9: near the poles and across the antimeridian the grid still matches a full scan', () => {
    const rnd = mulberry32(7);
    const partners = [
      ...randomPartners(rnd, 400, { lat: [88.5, 90], lng: [-180, 180] }),
      ...randomPartners(rnd, 400, { lat: [-20, 20], lng: [178.5, 180] }),
      ...randomPartners(rnd, 400, { lat: [-20, 20], lng: [-180, -178.5] }),
    ];
    const grid = new PartnerGrid(partners, { cellKm: 7 });
    const queries: [number, number][] = [[90, 0], [89.5, 120], [89.9, -60], [0, 180], [0, -179.9], [5, 179.95], [-3, -180]];
    for (let q = 0; q < 200; q++) queries.push([rnd.next() < 0.5 ? 88 + 2 * rnd.next() : -20 + 40 * rnd.next(), -180 + 360 * rnd.next()]);
    for (const [lat, lng] of queries) expect(sortedIds(grid, lat, lng)).toEqual(bruteForce(partners, lat, lng));
  });

  it('DSP-9: a query in Paris examines a small share of a country-wide set of partners', () => {
    const rnd = mulberry32(1);
    const partners = randomPartners(rnd, 20_000, FRANCE).map((p) => ({ ...p, radiusKm: Math.min(p.radiusKm, 30) }));
    const grid = new PartnerGrid(partners);
    const found = grid.near(48.8566, 2.3522);
    expect(found.map((x) => x.partner.id).sort((a, b) => Number(a) - Number(b))).toEqual(bruteForce(partners, 48.8566, 2.3522));
    expect(grid.lastScanned).toBeLessThan(partners.length / 20);
  });

  it('DSP-7: results come nearest first, then by id, with their distance', () => {
    const grid = new PartnerGrid([
      { id: 3, lat: 48.86, lng: 2.36, radiusKm: 10 },
      { id: 1, lat: 48.9, lng: 2.4, radiusKm: 10 },
      { id: 2, lat: 48.86, lng: 2.36, radiusKm: 10 },
      { id: 4, lat: 48.9, lng: 2.4, radiusKm: 1 }, // too far for its own radius
    ]);
    const found = grid.near(48.8566, 2.3522);
    expect(found.map((x) => x.partner.id)).toEqual([2, 3, 1]);
    expect(found[0].distanceKm).toBeCloseTo(distanceKm(48.86, 2.36, 48.8566, 2.3522), 12);
  });

  it('DSP-9: an explicit maxRadiusKm bounds the search', () => {
    const grid = new PartnerGrid([
      { id: 1, lat: 48.86, lng: 2.36, radiusKm: 100 },
      { id: 2, lat: 49.3, lng: 2.36, radiusKm: 100 }, // ~49 km away
    ]);
    expect(grid.near(48.8566, 2.3522, 20).map((x) => x.partner.id)).toEqual([1]);
    expect(grid.near(48.8566, 2.3522).map((x) => x.partner.id)).toEqual([1, 2]);
  });

  it('DSP-9: moving a partner (insert again) and removing one keep the index exact', () => {
    const grid = new PartnerGrid<GridPartner>([{ id: 1, lat: 48.86, lng: 2.36, radiusKm: 5 }]);
    grid.insert({ id: 1, lat: 43.3, lng: 5.37, radiusKm: 5 }); // moved to Marseille
    expect(grid.size).toBe(1);
    expect(grid.near(48.8566, 2.3522)).toEqual([]);
    expect(grid.near(43.2965, 5.3698).map((x) => x.partner.id)).toEqual([1]);
    expect(grid.remove(1)).toBe(true);
    expect(grid.remove(1)).toBe(false);
    expect(grid.near(43.2965, 5.3698)).toEqual([]);
  });

  it('DSP-9: distances are great-circle km (Paris–Marseille ≈ 661 km)', () => {
    expect(distanceKm(48.8566, 2.3522, 43.2965, 5.3698)).toBeCloseTo(660.5, 0);
    expect(distanceKm(48.8566, 2.3522, 48.8566, 2.3522)).toBe(0);
  });
});
