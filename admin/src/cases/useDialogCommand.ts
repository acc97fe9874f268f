/**
 * A case command behind a confirmation dialog: whether the dialog is open, the command's
 * progress, and — when the server refuses (409/422) — its sentence, kept in the dialog so the
 * mediator can correct and retry; the dialog closes on success.
 */
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { errorMessage, useCaseCommand, type CaseCommandOptions } from './useCaseCommand';

export function useDialogCommand<Variables = void, Result = unknown>(options: CaseCommandOptions<Variables, Result>) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const command = useCaseCommand<Variables, Result>({
    ...options,
    onSuccess: (result, variables) => {
      setOpen(false);
      options.onSuccess?.(result, variables);
    },
  });
  return {
    open,
    error,
    busy: command.isPending,
    openDialog: () => {
      setError(null);
      setOpen(true);
    },
    close: () => setOpen(false),
    /** Runs the data provider call with the dialog's values. */
    confirm: (variables: Variables) => {
      setError(null);
      command.mutate(variables, { onError: (e) => setError(translate(errorMessage(e), { _: errorMessage(e) })) });
    },
  };
}
