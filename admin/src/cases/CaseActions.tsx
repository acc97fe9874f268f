/**
 * The case's quick actions: only those the case's status allows (CONTRACT.md's state
 * machine) and the role may use (shared/permissions.ts, through canAccess). Every
 * transition is confirmed first — none can be undone — and the server's sentence is
 * shown when it refuses (409: the state changed or someone acted first; 422: MED-5's
 * inadmissible referral, with its reason; MED-8's refusal is not offered — the panel says why).
 */
import { useState } from 'react';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useCanAccess, useGetIdentity, useRecordContext, useTranslate } from 'react-admin';
import { CASE_OUTCOMES, SIGNAL_REASONS, type CaseOutcome } from '../../../shared/domain';
import { MEDIATION_DEADLINES, referralAdmissibility } from '../../../shared/mediation/deadlines';
import { enumKey } from '../common/choices';
import { formatBusinessDate } from '../common/format';
import {
  assignCase,
  caseTransition,
  extendOutcome,
  isWorkable,
  referralPdfUrl,
  offeredTransitions,
  suggestLimitation,
  updateCase,
  type CaseRecord,
  type CaseTransition,
} from './api';
import { CaseDialog } from './CaseDialog';
import { instantToParisDay, parisDayToInstant, parisToday } from './days';
import { eurosToCents } from '../../../shared/euros';
import { useDialogCommand } from './useDialogCommand';

type DialogKind = CaseTransition | 'complaintDate' | 'extend' | 'mediatorDates' | 'suggest';

const T = 'app.cases.actions';

function useAllowed(resource: string, action: string): boolean {
  return useCanAccess({ resource, action }).canAccess === true;
}

export function CaseActions() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { dialog, error, busy, openDialog, close, run } = useDialogCommand<DialogKind>();
  // The dialogs' fields (one dialog at a time).
  const [note, setNote] = useState('');
  const [complaintOn, setComplaintOn] = useState('');
  const [receivedOn, setReceivedOn] = useState('');
  const [notifiedOn, setNotifiedOn] = useState('');
  const [outcome, setOutcome] = useState<CaseOutcome | ''>('');
  const [refund, setRefund] = useState('');
  const [days, setDays] = useState('30');
  const [reason, setReason] = useState<string>('recent_case');

  const allowed = {
    amicable: useAllowed('cases', 'amicable'),
    resolve: useAllowed('cases', 'resolve'),
    refer: useAllowed('cases', 'refer'),
    close: useAllowed('cases', 'close'),
    assign: useAllowed('cases', 'assign'),
    extend: useAllowed('cases', 'extend'),
    edit: useAllowed('cases', 'edit'),
    referral: useAllowed('cases', 'referral'),
    suggest: useAllowed('signals', 'create'),
  };
  if (!record) return null;

  const open = (kind: DialogKind) => {
    setNote('');
    setComplaintOn(instantToParisDay(record?.writtenComplaintAt));
    setReceivedOn('');
    setNotifiedOn('');
    setOutcome('');
    setRefund('');
    setDays('30');
    setReason('recent_case');
    openDialog(kind);
  };

  const transitions = offeredTransitions(record, new Date()).filter((t) => allowed[t]); // MED-8: no referral the server would refuse
  const workable = isWorkable(record.status);
  const mine = identity != null && record.assignedTo != null && String(record.assignedTo) === String(identity.id);
  const canTake = workable && allowed.assign && !mine;
  const canExtend = record.status === 'referred' && record.mediatorNotifiedAt != null && allowed.extend;
  // MED-5 1°: the written complaint's date can be recorded (or corrected) until the case is referred.
  const canSetComplaint = (record.status === 'open' || record.status === 'amicable') && allowed.edit;
  const canSetMediatorDates =
    record.status === 'referred' && allowed.edit && (record.mediatorReceivedAt == null || record.mediatorNotifiedAt == null);
  const canSuggest = record.partnerId != null && allowed.suggest;

  const trimmedNote = note.trim() ? { note: note.trim() } : {};
  const refundCents = eurosToCents(refund);
  const refundOk = refundCents === undefined || (Number.isInteger(refundCents) && refundCents > 0);
  const daysNumber = Number(days);
  const daysOk = Number.isInteger(daysNumber) && daysNumber >= 1 && daysNumber <= MEDIATION_DEADLINES.maxExtensionDays;
  const admissibility = referralAdmissibility(record.writtenComplaintAt, new Date());
  const today = parisToday();

  const noteField = (required = false) => (
    <TextField
      label={translate(`${T}.note`)}
      value={note}
      onChange={(e) => setNote(e.target.value)}
      required={required}
      multiline
      minRows={2}
      fullWidth
      margin="dense"
    />
  );

  return (
    <>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', my: 1 }} data-testid="case-actions">
        {transitions.map((t) => (
          <Button key={t} variant={t === 'close' ? 'outlined' : 'contained'} color={t === 'close' ? 'inherit' : 'primary'} onClick={() => open(t)}>
            {translate(`${T}.${t}`)}
          </Button>
        ))}
        {canTake && (
          <Button
            variant="outlined"
            startIcon={<AssignmentIndIcon />}
            disabled={busy}
            onClick={() => run(() => assignCase(record.id), `${T}.done.assign`)}
          >
            {translate(`${T}.assign`)}
          </Button>
        )}
        {canSetComplaint && (
          <Button variant="outlined" onClick={() => open('complaintDate')}>
            {translate(`${T}.complaintDate`)}
          </Button>
        )}
        {canSetMediatorDates && (
          <Button variant="outlined" onClick={() => open('mediatorDates')}>
            {translate(`${T}.mediatorDates`)}
          </Button>
        )}
        {canExtend && (
          <Button variant="outlined" onClick={() => open('extend')}>
            {translate(`${T}.extend`)}
          </Button>
        )}
        {canSuggest && (
          <Button variant="outlined" color="warning" onClick={() => open('suggest')}>
            {translate(`${T}.suggest`)}
          </Button>
        )}
        {allowed.referral && (
          <Button
            variant="text"
            startIcon={<PictureAsPdfIcon />}
            component="a"
            href={referralPdfUrl(record.id)}
            download={`saisine-${record.reference}.pdf`}
          >
            {translate(`${T}.referralPdf`)}
          </Button>
        )}
      </Stack>

      {/* Amicable (MED-1), resolve: a confirmation and an optional note. */}
      {(['amicable', 'resolve'] as const).map((t) => (
        <CaseDialog
          key={t}
          open={dialog === t}
          title={translate(`${T}.confirm.${t}`, { reference: record.reference })}
          help={translate(`${T}.help.${t}`)}
          confirmLabel={translate(`${T}.${t}`)}
          busy={busy}
          error={error}
          onCancel={close}
          onConfirm={() => run(() => caseTransition(record.id, t, trimmedNote), `${T}.done.${t}`)}
        >
          {noteField()}
        </CaseDialog>
      ))}

      {/* Refer to the consumer mediator (MED-3, MED-5): admissibility shown first; the server decides (422 with the reason). */}
      <CaseDialog
        open={dialog === 'refer'}
        title={translate(`${T}.confirm.refer`, { reference: record.reference })}
        help={translate(`${T}.help.refer`)}
        confirmLabel={translate(`${T}.refer`)}
        confirmColor="warning"
        busy={busy}
        error={error}
        onCancel={close}
        onConfirm={() =>
          run(
            () =>
              caseTransition(record.id, 'refer', {
                ...(receivedOn ? { mediatorReceivedAt: parisDayToInstant(receivedOn) } : {}),
                ...(notifiedOn ? { mediatorNotifiedAt: parisDayToInstant(notifiedOn) } : {}),
                ...trimmedNote,
              }),
            `${T}.done.refer`,
          )
        }
      >
        {admissibility.admissible ? (
          <Alert severity="info" sx={{ mb: 1 }}>
            {translate('app.cases.deadlines.admissibleUntil', { date: formatBusinessDate(admissibility.lastDate) })}
          </Alert>
        ) : (
          <Alert severity="warning" sx={{ mb: 1 }} data-testid="referral-inadmissible">
            {translate(`app.cases.deadlines.inadmissible.${admissibility.reason}`, {
              date: admissibility.lastDate ? formatBusinessDate(admissibility.lastDate) : '',
            })}
          </Alert>
        )}
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 1 }}>
          <TextField
            type="date"
            label={translate('resources.cases.fields.mediatorReceivedAt')}
            value={receivedOn}
            onChange={(e) => setReceivedOn(e.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today } }}
            helperText={translate(`${T}.optional`)}
            fullWidth
          />
          <TextField
            type="date"
            label={translate('resources.cases.fields.mediatorNotifiedAt')}
            value={notifiedOn}
            onChange={(e) => setNotifiedOn(e.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today } }}
            helperText={translate(`${T}.optional`)}
            fullWidth
          />
        </Stack>
        {noteField()}
      </CaseDialog>

      {/* Close with the outcome; a refund only with an agreement (recorded against the order's money lines). */}
      <CaseDialog
        open={dialog === 'close'}
        title={translate(`${T}.confirm.close`, { reference: record.reference })}
        help={translate(`${T}.help.close`)}
        confirmLabel={translate(`${T}.close`)}
        confirmColor="error"
        busy={busy}
        canConfirm={outcome !== '' && refundOk}
        error={error}
        onCancel={close}
        onConfirm={() =>
          outcome &&
          run(
            () =>
              caseTransition(record.id, 'close', {
                outcome,
                ...(outcome === 'agreement' && refundCents !== undefined ? { refundCents } : {}),
                ...trimmedNote,
              }),
            `${T}.done.close`,
          )
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
        {noteField()}
      </CaseDialog>

      {/* The written complaint's date (MED-5 1°, MED-7): it starts the answer deadline and the referral window. */}
      <CaseDialog
        open={dialog === 'complaintDate'}
        title={translate(`${T}.complaintDate`)}
        help={translate(`${T}.help.complaintDate`)}
        confirmLabel={translate('ra.action.save')}
        busy={busy}
        canConfirm={complaintOn !== '' && complaintOn <= today}
        error={error}
        onCancel={close}
        onConfirm={() => run(() => updateCase(record, { writtenComplaintAt: parisDayToInstant(complaintOn) }), `${T}.done.complaintDate`)}
      >
        <TextField
          type="date"
          label={translate('resources.cases.fields.writtenComplaintAt')}
          value={complaintOn}
          onChange={(e) => setComplaintOn(e.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today, 'data-testid': 'complaint-date' } }}
          fullWidth
          margin="dense"
        />
      </CaseDialog>

      {/* The mediator's dates, once referred (PUT: editable only then). */}
      <CaseDialog
        open={dialog === 'mediatorDates'}
        title={translate(`${T}.mediatorDates`)}
        help={translate(`${T}.help.mediatorDates`)}
        confirmLabel={translate('ra.action.save')}
        busy={busy}
        canConfirm={receivedOn !== '' || notifiedOn !== ''}
        error={error}
        onCancel={close}
        onConfirm={() =>
          run(
            () =>
              updateCase(record, {
                ...(receivedOn ? { mediatorReceivedAt: parisDayToInstant(receivedOn) } : {}),
                ...(notifiedOn ? { mediatorNotifiedAt: parisDayToInstant(notifiedOn) } : {}),
              }),
            `${T}.done.mediatorDates`,
          )
        }
      >
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mt: 1 }}>
          {record.mediatorReceivedAt == null && (
            <TextField
              type="date"
              label={translate('resources.cases.fields.mediatorReceivedAt')}
              value={receivedOn}
              onChange={(e) => setReceivedOn(e.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today } }}
              fullWidth
            />
          )}
          {record.mediatorNotifiedAt == null && (
            <TextField
              type="date"
              label={translate('resources.cases.fields.mediatorNotifiedAt')}
              value={notifiedOn}
              onChange={(e) => setNotifiedOn(e.target.value)}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today } }}
              fullWidth
            />
          )}
        </Stack>
      </CaseDialog>

      {/* MED-6: extending the outcome deadline needs a reason, recorded on the timeline. */}
      <CaseDialog
        open={dialog === 'extend'}
        title={translate(`${T}.confirm.extend`)}
        help={translate(`${T}.help.extend`)}
        confirmLabel={translate(`${T}.extend`)}
        busy={busy}
        canConfirm={daysOk && note.trim().length >= 3}
        error={error}
        onCancel={close}
        onConfirm={() => run(() => extendOutcome(record.id, daysNumber, note.trim()), `${T}.done.extend`)}
      >
        <TextField
          type="number"
          label={translate(`${T}.extendDays`)}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={!daysOk}
          slotProps={{ htmlInput: { min: 1, max: MEDIATION_DEADLINES.maxExtensionDays, step: 1 } }}
          fullWidth
          margin="dense"
        />
        <TextField
          label={translate(`${T}.extendReason`)}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          required
          multiline
          minRows={2}
          fullWidth
          margin="dense"
        />
      </CaseDialog>

      {/* A suggestion to ops (POST /api/signals with the case): the mediator cannot apply a limitation. */}
      <CaseDialog
        open={dialog === 'suggest'}
        title={translate(`${T}.confirm.suggest`)}
        help={translate(`${T}.help.suggest`)}
        confirmLabel={translate(`${T}.suggest`)}
        confirmColor="warning"
        busy={busy}
        canConfirm={note.trim().length > 0}
        error={error}
        onCancel={close}
        onConfirm={() =>
          run(
            () => suggestLimitation({ partnerId: Number(record.partnerId), reason, note: note.trim(), caseId: Number(record.id) }),
            `${T}.done.suggest`,
          )
        }
      >
        <TextField
          select
          label={translate('resources.signals.fields.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          fullWidth
          margin="dense"
        >
          {SIGNAL_REASONS.map((r) => (
            <MenuItem key={r} value={r}>
              {translate(enumKey('signalReason', r))}
            </MenuItem>
          ))}
        </TextField>
        {noteField(true)}
      </CaseDialog>
    </>
  );
}
