import PhonelinkEraseIcon from '@mui/icons-material/PhonelinkErase';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Confirm, useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import type { StaffAccount } from '../types';

function errorMessage(error: unknown): string {
  return (error instanceof Error && error.message) || 'ra.notification.http_error';
}

/**
 * POST /api/users/{id}/reset-totp (admin): a staff member who lost their phone and recovery
 * codes signs in with the password again (or enrols again, if their role must). Behind a
 * confirmation; shown only while the account has two-step sign-in.
 */
export function ResetTotpButton() {
  const record = useRecordContext<StaffAccount>();
  const { canAccess } = useCanAccess({ resource: 'users', action: 'reset-totp' });
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const reset = useMutation({
    mutationFn: (id: StaffAccount['id']) => dataProvider.resetUserTotp(id),
    onSuccess: () => notify('app.twoStep.resetDone', { type: 'info' }),
    onError: (error) => notify(errorMessage(error), { type: 'error', messageArgs: { _: errorMessage(error) } }),
    onSettled: () => {
      setOpen(false);
      refresh();
    },
  });
  if (!record || !canAccess || !record.totpEnrolledAt) return null;
  return (
    <>
      <Button label="app.twoStep.reset" onClick={() => setOpen(true)}>
        <PhonelinkEraseIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={reset.isPending}
        title="app.twoStep.resetTitle"
        content="app.twoStep.resetContent"
        titleTranslateOptions={{ name: record.fullName }}
        onConfirm={() => reset.mutate(record.id)}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
