/** The order in which eligible partners receive the proposal (rules DSP-4, DSP-7, DSP-8, DSP-9, DSP-10). */
import { compareIds } from './ids';

export interface RankCandidate {
  partnerId: number | string;
  /** The partner is one of the client's favourites (DSP-4, CLI-4). */
  favourite: boolean;
  /** A reduced partner for a new client (eligibility's `demoted`, DSP-9 / LIM-5). */
  demoted: boolean;
  /** SCO score; null while unknown. */
  score: number | null;
  distanceKm: number;
}

/**
 * rule DSP-10: favourites first (DSP-4), then — for new clients — unlimited before reduced
 * (DSP-9 / LIM-5), then score descending (DSP-4; an unknown score counts as the platform
 * mean, as SCO-6 gives new partners), then distance ascending (DSP-7), then partner id
 * (a total order: the same data always gives the same sequence). Nothing else enters
 * the order: a partner cannot pay to rank higher (DSP-8).
 * *(assumed)* A favourite comes first even when reduced: the client asked for them.
 */
export function rankCandidates<C extends RankCandidate>(candidates: readonly C[], opts: { platformMean: number }): C[] {
  const score = (c: C) => c.score ?? opts.platformMean;
  return [...candidates].sort(
    (a, b) =>
      Number(b.favourite) - Number(a.favourite) ||
      Number(a.demoted) - Number(b.demoted) ||
      score(b) - score(a) ||
      a.distanceKm - b.distanceKm ||
      compareIds(a.partnerId, b.partnerId),
  );
}
