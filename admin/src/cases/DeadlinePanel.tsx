/**
 * The case's deadlines, as shared/mediation/deadlines.ts computes them (the same function
 * the server uses for its stored columns and the `refer` check — never recomputed here):
 * the platform's answer (MED-7), the referral's admissibility (MED-5, with the reason when
 * inadmissible; MED-8, why an open case cannot go yet), the mediator's refusal (MED-5), the
 * outcome (MED-6) and its extensions.
 */
import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useCanAccess, useRecordContext, useTranslate } from 'react-admin';
import { amicableAttemptFailed, deadlinePanel, referralAdmissibility, type PanelLine } from '../../../shared/mediation/deadlines';
import { formatBusinessDate, formatFrenchDate } from '../common/format';
import type { CaseRecord } from './caseTypes';
import { useCaseEvents } from './useCaseEvents';

const D = 'app.cases.deadlines';

function LineState({ line, record }: { line: PanelLine; record: CaseRecord }) {
  const translate = useTranslate();
  // A deadline met says when: the answer given (MED-7), the referral made (MED-5).
  if (line.kind === 'answer' && record.answeredAt) {
    return <Chip size="small" color="success" variant="outlined" label={translate(`${D}.answeredOn`, { date: formatFrenchDate(record.answeredAt) })} />;
  }
  if (line.kind === 'referral' && record.referredAt) {
    return <Chip size="small" color="success" variant="outlined" label={translate(`${D}.referredOn`, { date: formatFrenchDate(record.referredAt) })} />;
  }
  if (line.overdue) {
    const key = line.kind === 'referral' ? `${D}.lapsed` : `${D}.overdue`;
    return <Chip size="small" color="error" label={translate(key, { smart_count: -line.daysLeft })} />;
  }
  if (!line.running) return <Chip size="small" variant="outlined" label={translate(`${D}.notRunning`)} />;
  if (line.daysLeft === 0) return <Chip size="small" color="warning" label={translate(`${D}.today`)} />;
  return (
    <Chip size="small" color={line.daysLeft <= 7 ? 'warning' : 'default'} label={translate(`${D}.daysLeft`, { smart_count: line.daysLeft })} />
  );
}

export function DeadlinePanel({ now = new Date() }: { now?: Date }) {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  const mayReadEvents = useCanAccess({ resource: 'cases', action: 'events' }).canAccess === true;
  const { data: events } = useCaseEvents(record?.id, mayReadEvents && (record?.outcomeExtensionDays ?? 0) > 0);
  if (!record) return null;
  const extensions = (events ?? []).filter((e) => e.type === 'deadline_extended');
  const lines = deadlinePanel(record, now);
  const admissibility = referralAdmissibility(record.writtenComplaintAt, now);
  const attempt = amicableAttemptFailed(record, now);
  const awaitingMediator = record.status === 'referred';

  return (
    <Stack spacing={1} data-testid="deadline-panel">
      <Typography variant="body2">
        {record.writtenComplaintAt
          ? translate(`${D}.complaint`, { date: formatFrenchDate(record.writtenComplaintAt) })
          : translate(`${D}.noComplaint`)}
      </Typography>
      <Table size="small" aria-label={translate(`${D}.title`)}>
        <TableBody>
          {lines.map((line) => (
            <TableRow key={line.kind} data-deadline={line.kind} data-overdue={line.overdue ? 'true' : 'false'}>
              <TableCell component="th" scope="row" sx={{ pl: 0 }}>
                {translate(`${D}.kinds.${line.kind}`)}
                <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 0.5 }}>
                  ({line.rule})
                </Typography>
              </TableCell>
              <TableCell>{formatBusinessDate(line.lastDate)}</TableCell>
              <TableCell align="right" sx={{ pr: 0 }}>
                <LineState line={line} record={record} />
              </TableCell>
            </TableRow>
          ))}
          {awaitingMediator && record.mediatorReceivedAt == null && (
            <TableRow data-deadline="refusal">
              <TableCell component="th" scope="row" sx={{ pl: 0 }}>
                {translate(`${D}.kinds.refusal`)}
              </TableCell>
              <TableCell colSpan={2} sx={{ pr: 0 }}>
                {translate(`${D}.awaitingReceipt`)}
              </TableCell>
            </TableRow>
          )}
          {awaitingMediator && record.mediatorNotifiedAt == null && (
            <TableRow data-deadline="outcome">
              <TableCell component="th" scope="row" sx={{ pl: 0 }}>
                {translate(`${D}.kinds.outcome`)}
              </TableCell>
              <TableCell colSpan={2} sx={{ pr: 0 }}>
                {translate(`${D}.awaitingNotification`)}
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {record.outcomeExtensionDays > 0 && (
        <Typography variant="body2" color="text.secondary" data-testid="outcome-extension" component="div">
          {translate(`${D}.extended`, { smart_count: record.outcomeExtensionDays })}
          {/* The recorded reasons (MED-6), from the timeline (same query: no second request). */}
          {extensions.map((e) => (
            <Typography key={e.id} variant="body2" color="text.secondary" sx={{ pl: 2 }}>
              {formatFrenchDate(e.at)} — {e.body}
            </Typography>
          ))}
        </Typography>
      )}
      {(record.status === 'open' || record.status === 'amicable') &&
        (admissibility.admissible ? (
          <Alert severity="success" variant="outlined">
            {translate(`${D}.admissibleUntil`, { date: formatBusinessDate(admissibility.lastDate) })}
          </Alert>
        ) : (
          <Alert severity="warning" data-testid="referral-inadmissible-panel">
            {translate(`${D}.inadmissible.${admissibility.reason}`, {
              date: admissibility.lastDate ? formatBusinessDate(admissibility.lastDate) : '',
            })}
          </Alert>
        ))}
      {/* MED-8: why the referral is not offered yet (an open case before MED-7's answer deadline). */}
      {!attempt.failed && (
        <Alert severity="info" data-testid="referral-not-yet">
          {translate(`app.cases.referralFile.notYet.${attempt.reason}`, { date: attempt.answerLastDate ? formatBusinessDate(attempt.answerLastDate) : '' })}
        </Alert>
      )}
    </Stack>
  );
}
