/** The candidate query's bounding box (DSP-9): it must contain every point within the radius, or the live ranking would miss partners. */
import { describe, expect, it } from 'vitest';
import { distanceKm } from '../geo';
import { mulberry32 } from '../random';
import { boundingBox } from './candidates';

describe('boundingBox', () => {
  it('DSP-9: when points lie within the radius (seeded, any latitude), then the box contains them all', () => {
    const rng = mulberry32(7);
    for (let i = 0; i < 20_000; i++) {
      const lat = rng.next() * 170 - 85;
      const lng = rng.next() * 360 - 180;
      const radius = 1 + rng.next() * 100;
      const box = boundingBox(lat, lng, radius);
      // A point at a random bearing and distance ≤ radius.
      const d = rng.next() * radius;
      const bearing = rng.next() * 2 * Math.PI;
      const R = 6371.0088;
      const phi1 = (lat * Math.PI) / 180;
      const lam1 = (lng * Math.PI) / 180;
      const phi2 = Math.asin(Math.sin(phi1) * Math.cos(d / R) + Math.cos(phi1) * Math.sin(d / R) * Math.cos(bearing));
      const lam2 = lam1 + Math.atan2(Math.sin(bearing) * Math.sin(d / R) * Math.cos(phi1), Math.cos(d / R) - Math.sin(phi1) * Math.sin(phi2));
      const pLat = (phi2 * 180) / Math.PI;
      const pLng = ((((lam2 * 180) / Math.PI + 540) % 360) - 180);
      expect(distanceKm(lat, lng, pLat, pLng)).toBeLessThanOrEqual(radius + 1e-6);
      expect(pLat).toBeGreaterThanOrEqual(box.minLat);
      expect(pLat).toBeLessThanOrEqual(box.maxLat);
      if (box.minLng !== null && box.maxLng !== null) {
        expect(pLng).toBeGreaterThanOrEqual(box.minLng);
        expect(pLng).toBeLessThanOrEqual(box.maxLng);
      }
    }
  });

  it('when the box would cross a pole or the antimeridian, then it spans every longitude; in France it is tight', () => {
    expect(boundingBox(89.9, 0, 50).minLng).toBeNull();
    expect(boundingBox(10, 179.9, 50).minLng).toBeNull();
    const paris = boundingBox(48.86, 2.35, 25);
    expect(paris.maxLat - paris.minLat).toBeCloseTo((2 * 25) / 111.195, 3);
    expect(paris.maxLng! - paris.minLng!).toBeLessThan(0.7);
  });
});
