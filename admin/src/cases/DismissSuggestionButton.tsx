/**
 * Dismiss the suggested attachment of a case "à rattacher" (`POST /api/cases/{id}/dismiss-suggestion`):
 * the e-mail is not about the case it quoted; this case is handled on its own. Confirmed first.
 */
import LinkOffIcon from '@mui/icons-material/LinkOff';
import Button from '@mui/material/Button';
import { useCanAccess, useTranslate } from 'react-admin';
import { dismissSuggestion } from './api';
import { CaseDialog } from './CaseDialog';
import { useDialogCommand } from './useDialogCommand';
import { useSuggestedCase } from './useSuggestedCase';

const L = 'app.cases.links';

export function DismissSuggestionButton() {
  const { record, id: suggestedId, reference } = useSuggestedCase();
  const translate = useTranslate();
  const { dialog, error, busy, openDialog, close, run } = useDialogCommand();
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'edit' });
  if (!record || suggestedId == null || record.status === 'closed' || canAccess !== true) return null;
  return (
    <>
      <Button variant="outlined" size="small" startIcon={<LinkOffIcon />} onClick={() => openDialog('confirm')}>
        {translate(`${L}.dismiss`)}
      </Button>
      <CaseDialog
        open={dialog === 'confirm'}
        title={translate(`${L}.dismissConfirm`, { reference })}
        help={translate(`${L}.dismissHelp`, { reference })}
        confirmLabel={translate(`${L}.dismiss`)}
        busy={busy}
        error={error}
        onCancel={close}
        onConfirm={() => run(() => dismissSuggestion(record.id), `${L}.dismissed`)}
      />
    </>
  );
}
