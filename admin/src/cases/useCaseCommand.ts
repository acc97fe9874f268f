/**
 * One way to run a case command (a transition, an event, an upload…): react-query's
 * useMutation around a data provider method, a success notification, the server's own
 * sentence on failure (409/422: the contract's `error.message`), then a refresh so that
 * the record, its deadlines and the timeline show the new state.
 */
import { useMutation } from '@tanstack/react-query';
import { useNotify, useRefresh } from 'react-admin';

export interface CaseCommandOptions<Variables, Result> {
  /** The data provider call. */
  mutationFn: (variables: Variables) => Promise<Result>;
  /** The i18n key of the success notification. */
  done: string;
  onSuccess?: (result: Result, variables: Variables) => void;
}

export function errorMessage(error: unknown): string {
  return (error instanceof Error && error.message) || 'ra.notification.http_error';
}

export function useCaseCommand<Variables = void, Result = unknown>({ mutationFn, done, onSuccess }: CaseCommandOptions<Variables, Result>) {
  const notify = useNotify();
  const refresh = useRefresh();
  return useMutation({
    mutationFn,
    onSuccess: (result, variables) => {
      notify(done, { type: 'success' });
      onSuccess?.(result, variables);
    },
    // The server's sentence is shown as it is (`_`: no "missing translation" lookup).
    onError: (error) => notify(errorMessage(error), { type: 'error', autoHideDuration: 10_000, messageArgs: { _: errorMessage(error) } }),
    // Another mediator may have acted first (409): show the case as it now is, either way.
    onSettled: () => refresh(),
  });
}
