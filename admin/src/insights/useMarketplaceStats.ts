import { useQuery } from '@tanstack/react-query';
import { API_URL } from '../apiUrl';
import { httpClient } from '../httpClient';

export interface MarketplaceStats {
  period: { from: string; to: string };
  scores: { partners: number; median: number | null; above90: number; buckets: { bucket: string; partners: number }[] };
  acceptance: { answered: number; accepted: number; rate: number | null; byAnswer: Record<string, number> };
  fill: { decided: number; filled: number; rate: number | null };
  timeToAcceptance: { band: string; orders: number; medianMinutes: number | null }[];
  perDay: { day: string; orders: number; unfilled: number; accepted: number }[];
  limitationsInForce: { day: string; automatic: number; manual: number }[];
}

/** GET /api/stats/marketplace for a period of Paris dates. */
export function useMarketplaceStats(from: string, to: string) {
  return useQuery({
    queryKey: ['stats', 'marketplace', from, to],
    queryFn: async (): Promise<MarketplaceStats> => {
      const { json } = await httpClient(`${API_URL}/stats/marketplace?from=${from}&to=${to}`);
      return json as MarketplaceStats;
    },
  });
}
