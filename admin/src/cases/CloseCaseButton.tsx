/**
 * Close a case with its outcome; a refund only with an agreement (recorded against the
 * order's money lines). Confirmed first — closing cannot be undone — and offered while the
 * status allows it and the role may (cases:close).
 */
import { useState } from 'react';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useCanAccess, useDataProvider, useRecordContext, useTranslate, type Identifier } from 'react-admin';
import { CASE_OUTCOMES, type CaseOutcome } from '../../../shared/domain';
import { eurosToCents } from '../../../shared/euros';
import { enumKey } from '../common/choices';
import type { ConsoleDataProvider } from '../dataProvider';
import { CaseDialog } from './CaseDialog';
import { offeredTransitions } from './caseRules';
import type { CaseRecord, CloseBody } from './caseTypes';
import { NoteField, noteBody } from './NoteField';
import { useDialogCommand } from './useDialogCommand';

const T = 'app.cases.actions';

export function CloseCaseButton() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const { canAccess } = useCanAccess({ resource: 'cases', action: 'close' });
  const [outcome, setOutcome] = useState<CaseOutcome | ''>('');
  const [refund, setRefund] = useState('');
  const [note, setNote] = useState('');
  const command = useDialogCommand({
    mutationFn: ({ id, body }: { id: Identifier; body: CloseBody }) => dataProvider.closeCase(id, body),
    done: `${T}.done.close`,
  });
  if (!record || canAccess !== true || !offeredTransitions(record, new Date()).includes('close')) return null;
  const refundCents = eurosToCents(refund);
  const refundOk = refundCents === undefined || (Number.isInteger(refundCents) && refundCents > 0);

  return (
    <>
      <Button
        variant="outlined"
        color="inherit"
        onClick={() => {
          setOutcome('');
          setRefund('');
          setNote('');
          command.openDialog();
        }}
      >
        {translate(`${T}.close`)}
      </Button>
      <CaseDialog
        open={command.open}
        title={translate(`${T}.confirm.close`, { reference: record.reference })}
        help={translate(`${T}.help.close`)}
        confirmLabel={translate(`${T}.close`)}
        confirmColor="error"
        busy={command.busy}
        canConfirm={outcome !== '' && refundOk}
        error={command.error}
        onCancel={command.close}
        onConfirm={() =>
          outcome &&
          command.confirm({
            id: record.id,
            body: {
              outcome,
              ...(outcome === 'agreement' && refundCents !== undefined ? { refundCents } : {}),
              ...noteBody(note),
            },
          })
        }
      >
        <TextField
          select
          label={translate('resources.cases.fields.outcome')}
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as CaseOutcome)}
          required
          fullWidth
          margin="dense"
        >
          {CASE_OUTCOMES.map((o) => (
            <MenuItem key={o} value={o}>
              {translate(enumKey('caseOutcome', o))}
            </MenuItem>
          ))}
        </TextField>
        {outcome === 'agreement' && (
          <TextField
            label={translate(`${T}.refundEuros`)}
            value={refund}
            onChange={(e) => setRefund(e.target.value)}
            error={!refundOk}
            helperText={translate(refundOk ? `${T}.refundHelp` : `${T}.refundInvalid`)}
            slotProps={{ htmlInput: { inputMode: 'decimal' } }}
            fullWidth
            margin="dense"
          />
        )}
        <NoteField value={note} onChange={setNote} />
      </CaseDialog>
    </>
  );
}
