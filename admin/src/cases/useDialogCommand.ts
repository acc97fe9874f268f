/**
 * A case command behind a confirmation dialog: which dialog is open, the command's progress,
 * and — when the server refuses (409/422) — its sentence, kept in the dialog so the mediator
 * can correct and retry; the dialog closes on success. One dialog at a time per component.
 */
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { errorMessage, useCaseCommand } from './useCaseCommand';

export function useDialogCommand<Kind extends string = 'confirm'>() {
  const translate = useTranslate();
  const command = useCaseCommand();
  const [dialog, setDialog] = useState<Kind | null>(null);
  const [error, setError] = useState<string | null>(null);
  return {
    dialog,
    error,
    busy: command.isPending,
    openDialog: (kind: Kind) => {
      setError(null);
      setDialog(kind);
    },
    close: () => setDialog(null),
    /** Runs the call; `done` is the success notification's i18n key; `then` runs after success (e.g. a redirect). */
    run: <T,>(call: () => Promise<T>, done: string, then?: (result: T) => void) => {
      setError(null);
      command.mutate(
        { run: call, done },
        {
          onSuccess: (result) => {
            setDialog(null);
            then?.(result as T);
          },
          onError: (e) => setError(translate(errorMessage(e), { _: errorMessage(e) })),
        },
      );
    },
  };
}
