/**
 * Import a forwarded complaint (`POST /api/cases/intake`, an .eml file). From the queue: the
 * server parses it into a new case, a new event on the case whose reference it quotes (when
 * the sender is that case's client or partner), or a new case "à rattacher"; the console then
 * opens that case. From a case page (`caseId`): the message goes on that case, which stays
 * open. Shown to the roles that may use it (`cases:intake`).
 */
import { useRef } from 'react';
import MarkEmailReadIcon from '@mui/icons-material/MarkEmailRead';
import Button from '@mui/material/Button';
import { useCanAccess, useCreatePath, useDataProvider, useNotify, useRedirect, useRefresh, useTranslate, type Identifier } from 'react-admin';
import { useMutation } from '@tanstack/react-query';
import type { ConsoleDataProvider } from '../dataProvider';
import { errorMessage } from './useCaseCommand';
import { useFileSizeGuard } from '../common/useFileSizeGuard';

export function ImportEmlButton({ size = 'small', caseId }: { size?: 'small' | 'medium'; caseId?: Identifier }) {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const refresh = useRefresh();
  const createPath = useCreatePath();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const input = useRef<HTMLInputElement>(null);
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'intake' });
  const sizeAllowed = useFileSizeGuard();
  const mutation = useMutation({
    mutationFn: (file: File) => dataProvider.importEml(file, caseId),
    onSuccess: (result) => {
      // Attachments other than PDF/JPEG/PNG are not kept: say which, rather than a plain success.
      const skipped = result.attachments.filter((a) => !a.stored).map((a) => a.fileName);
      const toAttach = result.placement === 'to_attach' && result.suggested !== null;
      const key = toAttach ? 'app.cases.links.intakeToAttach' : `app.cases.intake.${result.created ? 'created' : 'appended'}${skipped.length ? 'Skipped' : ''}`;
      notify(key, {
        type: skipped.length || toAttach ? 'warning' : 'success',
        messageArgs: { reference: result.reference, skipped: skipped.join(', '), suggested: result.suggested?.reference ?? '' },
        multiLine: skipped.length > 0 || toAttach,
      });
      refresh();
      if (caseId === undefined) redirect(createPath({ resource: 'cases', id: result.id, type: 'show' }));
    },
    onError: (error) => notify(errorMessage(error), { type: 'error', autoHideDuration: 10_000, messageArgs: { _: errorMessage(error) } }),
    onSettled: () => {
      if (input.current) input.current.value = '';
    },
  });
  if (canAccess !== true) return null;
  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        accept=".eml,message/rfc822"
        aria-label={translate('app.cases.intake.button')}
        data-testid="eml-input"
        onChange={async (e) => {
          const picker = e.target;
          const file = picker.files?.[0];
          if (file && (await sizeAllowed(file))) mutation.mutate(file);
          else picker.value = '';
        }}
      />
      <Button size={size} startIcon={<MarkEmailReadIcon />} disabled={mutation.isPending} onClick={() => input.current?.click()}>
        {translate('app.cases.intake.button')}
      </Button>
    </>
  );
}
