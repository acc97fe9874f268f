import LockOpenIcon from '@mui/icons-material/LockOpen';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Confirm, useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import type { StaffAccount } from '../types';
import { isLocked } from './lockState';

function errorMessage(error: unknown): string {
  return (error instanceof Error && error.message) || 'ra.notification.http_error';
}

/**
 * POST /api/users/{id}/unlock (admin): lifts a locked account's sign-in lock and its failure
 * counters on every server instance. Behind a confirmation; shown only while the account is locked.
 */
export function UnlockButton() {
  const record = useRecordContext<StaffAccount>();
  const { canAccess } = useCanAccess({ resource: 'users', action: 'unlock' });
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const unlock = useMutation({
    mutationFn: (id: StaffAccount['id']) => dataProvider.unlockUser(id),
    onSuccess: () => notify('app.users.unlocked', { type: 'info' }),
    // The server's sentence as it is (`_`: no "missing translation" lookup).
    onError: (error) => notify(errorMessage(error), { type: 'error', messageArgs: { _: errorMessage(error) } }),
    onSettled: () => {
      setOpen(false);
      refresh();
    },
  });
  if (!record || !canAccess || !isLocked(record.lockedUntil)) return null;
  return (
    <>
      <Button
        label="app.users.unlock"
        onClick={(event) => {
          // Inside a list row: the click opens the dialog, not the record.
          event.stopPropagation();
          setOpen(true);
        }}
      >
        <LockOpenIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={unlock.isPending}
        title="app.users.unlockTitle"
        content="app.users.unlockContent"
        titleTranslateOptions={{ name: record.fullName }}
        onConfirm={() => unlock.mutate(record.id)}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
