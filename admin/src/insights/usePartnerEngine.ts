import { useQuery } from '@tanstack/react-query';
import { API_URL } from '../apiUrl';
import { httpClient } from '../httpClient';

export interface PartnerEngine {
  scoreHistory: { day: string; score: number | null; real: number | null }[];
  proposals: { byAnswer: Record<string, number>; answered: number; acceptanceRate: number | null; lastAnswered: number; acceptedInLastAnswered: number };
  reviews: { shown: boolean; ratingsCount: number; meanRating: number | null; published: number };
}

export function usePartnerEngine(id: number | string | undefined) {
  return useQuery({
    enabled: id !== undefined,
    queryKey: ['partners', id, 'engine'],
    queryFn: async (): Promise<PartnerEngine> => (await httpClient(`${API_URL}/partners/${id}/engine`)).json as PartnerEngine,
  });
}
