import { describe, expect, it } from 'vitest';
import { rankCandidates, type RankCandidate } from './ranking';

const c = (partnerId: number | string, over: Partial<RankCandidate> = {}): RankCandidate => ({
  partnerId,
  favourite: false,
  demoted: false,
  score: 50,
  distanceKm: 5,
  ...over,
});
const ids = (list: RankCandidate[]) => rankCandidates(list, { platformMean: 55 }).map((x) => x.partnerId);

describe('ranking', () => {
  it('DSP-10: favourites come first, even with a lower score', () => {
    expect(ids([c(1, { score: 90 }), c(2, { favourite: true, score: 40 })])).toEqual([2, 1]);
  });

  it('DSP-9: a reduced partner comes after every unlimited candidate for a new client', () => {
    expect(ids([c(1, { demoted: true, score: 95, distanceKm: 1 }), c(2, { score: 20, distanceKm: 30 })])).toEqual([2, 1]);
  });

  it('DSP-10: a favourite comes first even when reduced (assumed)', () => {
    expect(ids([c(1, { score: 90 }), c(2, { favourite: true, demoted: true })])).toEqual([2, 1]);
  });

  it('DSP-10: then score descending', () => {
    expect(ids([c(1, { score: 50 }), c(2, { score: 70.5 }), c(3, { score: 70.4 })])).toEqual([2, 3, 1]);
  });

  it('DSP-10: an unknown score counts as the platform mean', () => {
    expect(ids([c(1, { score: 54.9 }), c(2, { score: null }), c(3, { score: 55.1 })])).toEqual([3, 2, 1]);
  });

  it('DSP-10: equal scores go to the nearest', () => {
    expect(ids([c(1, { distanceKm: 8 }), c(2, { distanceKm: 2 }), c(3, { distanceKm: 4 })])).toEqual([2, 3, 1]);
  });

  it('DSP-10: equal everything goes by partner id (numeric ids numerically)', () => {
    expect(ids([c(10), c(9), c(100)])).toEqual([9, 10, 100]);
    expect(ids([c('b'), c('a'), c('B')])).toEqual(['B', 'a', 'b']);
  });

  it('DSP-10: the full key order holds on a mixed list, and the input is not mutated', () => {
    const list = [
      c(1, { score: 99, distanceKm: 1 }),
      c(2, { favourite: true, score: 30 }),
      c(3, { demoted: true, score: 100 }),
      c(4, { favourite: true, score: 60 }),
      c(5, { score: 99, distanceKm: 0.5 }),
      c(6, { score: null }),
    ];
    const before = list.map((x) => x.partnerId);
    expect(ids(list)).toEqual([4, 2, 5, 1, 6, 3]);
    expect(list.map((x) => x.partnerId)).toEqual(before);
  });
});
