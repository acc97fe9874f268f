/** REF-8's watch list for the next `days` (`GET /api/verification-watch?days=`), through the data provider. */
import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';

export function useWatchList(days: number) {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  return useQuery({
    queryKey: ['verification-watch', days],
    queryFn: () => dataProvider.getVerificationWatch(days),
  });
}
