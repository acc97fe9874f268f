/**
 * Dismiss the suggested attachment of a case "à rattacher" (`POST /api/cases/{id}/dismiss-suggestion`):
 * the e-mail is not about the case it quoted; this case is handled on its own. Confirmed first.
 */
import LinkOffIcon from '@mui/icons-material/LinkOff';
import Button from '@mui/material/Button';
import { useCanAccess, useDataProvider, useTranslate, type Identifier } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { CaseDialog } from './CaseDialog';
import { useDialogCommand } from './useDialogCommand';
import { useSuggestedCase } from './useSuggestedCase';

const L = 'app.cases.links';

export function DismissSuggestionButton() {
  const { record, id: suggestedId, reference } = useSuggestedCase();
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { open, error, busy, openDialog, close, confirm } = useDialogCommand({
    mutationFn: (id: Identifier) => dataProvider.dismissSuggestedCase(id),
    done: `${L}.dismissed`,
  });
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'edit' });
  if (!record || suggestedId == null || record.status === 'closed' || canAccess !== true) return null;
  return (
    <>
      <Button variant="outlined" size="small" startIcon={<LinkOffIcon />} onClick={openDialog}>
        {translate(`${L}.dismiss`)}
      </Button>
      <CaseDialog
        open={open}
        title={translate(`${L}.dismissConfirm`, { reference })}
        help={translate(`${L}.dismissHelp`, { reference })}
        confirmLabel={translate(`${L}.dismiss`)}
        busy={busy}
        error={error}
        onCancel={close}
        onConfirm={() => confirm(record.id)}
      />
    </>
  );
}
