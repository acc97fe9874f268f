/** A partner's verification file (`GET /api/partners/{id}/verification`), through the data provider. */
import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';

export const verificationKey = (partnerId: number | string) => ['partners', String(partnerId), 'verification'] as const;

export function useVerification(partnerId: number | string | undefined) {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  return useQuery({
    enabled: partnerId !== undefined,
    queryKey: verificationKey(partnerId ?? ''),
    queryFn: () => dataProvider.getVerification(partnerId!),
  });
}
