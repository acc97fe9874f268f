/** The case's timeline, through the data provider; `enabled: false` for the roles that may not read it (the server answers 403). */
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, type Identifier } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';

export const eventsKey = (id: Identifier) => ['cases', String(id), 'events'] as const;

export function useCaseEvents(id: Identifier | undefined, enabled = true) {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  return useQuery({
    enabled: enabled && id !== undefined,
    queryKey: eventsKey(id ?? ''),
    queryFn: () => dataProvider.getCaseEvents(id!),
  });
}
