/**
 * Attach the e-mail of a case "à rattacher" to the case it quoted (`POST /api/cases/{id}/attach`):
 * its message and attachments move there, this case closes as its duplicate, and the console
 * opens the case that received them. Confirmed first (it cannot be undone).
 */
import LinkIcon from '@mui/icons-material/Link';
import Button from '@mui/material/Button';
import { useCanAccess, useCreatePath, useDataProvider, useRedirect, useTranslate, type Identifier } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { CaseDialog } from './CaseDialog';
import { useDialogCommand } from './useDialogCommand';
import { useSuggestedCase } from './useSuggestedCase';

const L = 'app.cases.links';

export function AttachSuggestionButton() {
  const { record, id: suggestedId, reference } = useSuggestedCase();
  const translate = useTranslate();
  const redirect = useRedirect();
  const createPath = useCreatePath();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { open, error, busy, openDialog, close, confirm } = useDialogCommand({
    mutationFn: (id: Identifier) => dataProvider.attachSuggestedCase(id),
    done: `${L}.attached`,
    // The e-mail now lives on the quoted case: that is where the mediator goes on.
    onSuccess: () => {
      if (suggestedId != null) redirect(createPath({ resource: 'cases', id: suggestedId, type: 'show' }));
    },
  });
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'edit' });
  if (!record || suggestedId == null || record.status === 'closed' || canAccess !== true) return null;
  return (
    <>
      <Button variant="contained" color="warning" size="small" startIcon={<LinkIcon />} onClick={openDialog}>
        {translate(`${L}.attach`, { reference })}
      </Button>
      <CaseDialog
        open={open}
        title={translate(`${L}.attachConfirm`, { reference })}
        help={translate(`${L}.attachHelp`, { reference })}
        confirmLabel={translate(`${L}.attach`, { reference })}
        confirmColor="warning"
        busy={busy}
        error={error}
        onCancel={close}
        onConfirm={() => confirm(record.id)}
      />
    </>
  );
}
