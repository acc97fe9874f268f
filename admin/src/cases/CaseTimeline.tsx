/**
 * The case's timeline (`GET /api/cases/{id}/events`, oldest first): notes, messages from
 * and to the parties, evidence files (downloadable by mediators and admin), proposals with
 * their refund in euros, decisions, extensions and status changes — those that go to the
 * mediator in the referral file marked (MED-8). Below it, what a mediator adds by hand: an
 * event, an evidence file, a forwarded e-mail (.eml) attached to this very case.
 */
import { useRef, useState } from 'react';
import AttachFileIcon from '@mui/icons-material/AttachFile';
import CallMadeIcon from '@mui/icons-material/CallMade';
import CallReceivedIcon from '@mui/icons-material/CallReceived';
import EuroIcon from '@mui/icons-material/Euro';
import EventRepeatIcon from '@mui/icons-material/EventRepeat';
import GavelIcon from '@mui/icons-material/Gavel';
import StickyNote2Icon from '@mui/icons-material/StickyNote2';
import SwapHorizIcon from '@mui/icons-material/SwapHoriz';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { ReactElement } from 'react';
import { useCanAccess, useDataProvider, useRecordContext, useTranslate, type Identifier } from 'react-admin';
import type { CaseEventType } from '../../../shared/domain';
import { DISPLAY_LOCALE, formatFrenchDateTime } from '../common/format';
import type { ConsoleDataProvider } from '../dataProvider';
import { isWorkable, WRITABLE_EVENT_TYPES, type WritableEventType } from './caseRules';
import type { CaseEvent, CaseRecord, NewCaseEvent } from './caseTypes';
import { evidenceFileUrl } from './caseUrls';
import { eurosToCents, formatEuros } from '../../../shared/euros';
import { ImportEmlButton } from './ImportEmlButton';
import { ReferralFileBadge, ReferralFileLegend } from './ReferralFileBadge';
import { useCaseCommand } from './useCaseCommand';
import { useCaseEvents } from './useCaseEvents';
import { useFileSizeGuard } from '../common/useFileSizeGuard';
import { PagedRowsFooter, usePagedRows } from '../common/PagedRows';

const E = 'app.cases.timeline';

const ICONS: Record<CaseEventType, ReactElement> = {
  note: <StickyNote2Icon fontSize="small" />,
  message_in: <CallReceivedIcon fontSize="small" />,
  message_out: <CallMadeIcon fontSize="small" />,
  evidence: <AttachFileIcon fontSize="small" />,
  proposal: <EuroIcon fontSize="small" />,
  decision: <GavelIcon fontSize="small" />,
  deadline_extended: <EventRepeatIcon fontSize="small" />,
  status_change: <SwapHorizIcon fontSize="small" />,
};

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} o`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toLocaleString(DISPLAY_LOCALE, { maximumFractionDigits: 0 })} Ko`;
  return `${(bytes / 1024 / 1024).toLocaleString(DISPLAY_LOCALE, { maximumFractionDigits: 1 })} Mo`;
}

function EventLine({ event, caseId, canReadFiles }: { event: CaseEvent; caseId: CaseRecord['id']; canReadFiles: boolean }) {
  const translate = useTranslate();
  // An imported e-mail is its sender's, not the mediator's who imported it.
  const who = event.sender ?? event.actorName ?? (event.actorId == null ? translate(`${E}.external`) : `#${event.actorId}`);
  return (
    <ListItem alignItems="flex-start" disableGutters data-event-type={event.type} data-testid="case-event">
      <ListItemIcon sx={{ minWidth: 36, mt: 0.5 }}>{ICONS[event.type] ?? ICONS.note}</ListItemIcon>
      <ListItemText
        primary={
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'baseline' }}>
            <Typography component="span" variant="subtitle2">
              {translate(`${E}.types.${event.type}`)}
            </Typography>
            {event.refundCents != null && (
              <Typography component="span" variant="subtitle2" color="primary" data-testid="event-refund">
                {formatEuros(event.refundCents)}
              </Typography>
            )}
            <Typography component="span" variant="caption" color="text.secondary">
              {formatFrenchDateTime(event.at)} · {who}
            </Typography>
            <ReferralFileBadge type={event.type} />
          </Stack>
        }
        secondary={
          <>
            {event.body && (
              <Typography component="span" variant="body2" sx={{ display: 'block', whiteSpace: 'pre-wrap' }}>
                {event.body}
              </Typography>
            )}
            {event.fileId != null &&
              (canReadFiles ? (
                <Link href={evidenceFileUrl(caseId, event.fileId)} target="_blank" rel="noopener" download={event.fileName ?? undefined}>
                  {event.fileName ?? translate(`${E}.file`)}
                  {event.sizeBytes != null ? ` (${formatSize(event.sizeBytes)})` : ''}
                </Link>
              ) : (
                <Typography component="span" variant="body2" color="text.secondary">
                  {event.fileName ?? translate(`${E}.file`)}
                </Typography>
              ))}
          </>
        }
        slotProps={{ secondary: { component: 'div' } }}
      />
    </ListItem>
  );
}

function EventComposer({ record }: { record: CaseRecord }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const command = useCaseCommand({
    mutationFn: ({ id, event }: { id: Identifier; event: NewCaseEvent }) => dataProvider.addCaseEvent(id, event),
    done: `${E}.added`,
  });
  const [type, setType] = useState<WritableEventType>('note');
  const [body, setBody] = useState('');
  const [refund, setRefund] = useState('');
  const refundCents = type === 'proposal' ? eurosToCents(refund) : undefined;
  const refundOk = refundCents === undefined || (Number.isInteger(refundCents) && refundCents > 0);

  const submit = () =>
    command.mutate(
      { id: record.id, event: { type, body: body.trim(), ...(refundCents !== undefined ? { refundCents } : {}) } },
      {
        onSuccess: () => {
          setBody('');
          setRefund('');
        },
      },
    );

  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} useFlexGap sx={{ alignItems: { md: 'flex-start' } }} data-testid="event-composer">
      <TextField
        select
        size="small"
        label={translate(`${E}.type`)}
        value={type}
        onChange={(e) => setType(e.target.value as WritableEventType)}
        sx={{ flex: { md: '0 0 220px' } }}
      >
        {WRITABLE_EVENT_TYPES.map((t) => (
          <MenuItem key={t} value={t}>
            {translate(`${E}.types.${t}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        size="small"
        label={translate(`${E}.body`)}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        multiline
        minRows={1}
        sx={{ flexGrow: 1 }}
      />
      {type === 'proposal' && (
        <TextField
          size="small"
          label={translate('app.cases.actions.refundEuros')}
          value={refund}
          onChange={(e) => setRefund(e.target.value)}
          error={!refundOk}
          slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          sx={{ width: 160 }}
        />
      )}
      <Button variant="contained" disabled={command.isPending || body.trim() === '' || !refundOk} onClick={submit}>
        {translate(`${E}.add`)}
      </Button>
    </Stack>
  );
}

function EvidenceUpload({ record }: { record: CaseRecord }) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const command = useCaseCommand({
    mutationFn: ({ id, file }: { id: Identifier; file: File }) => dataProvider.uploadCaseEvidence(id, file),
    done: `${E}.uploaded`,
  });
  const input = useRef<HTMLInputElement>(null);
  const sizeAllowed = useFileSizeGuard();
  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        accept="application/pdf,image/jpeg,image/png"
        aria-label={translate(`${E}.upload`)}
        data-testid="evidence-input"
        onChange={async (e) => {
          const picker = e.target;
          const file = picker.files?.[0];
          if (!file) return;
          if (!(await sizeAllowed(file))) {
            picker.value = '';
            return;
          }
          command.mutate(
            { id: record.id, file },
            { onSettled: () => input.current && (input.current.value = '') },
          );
        }}
      />
      <Button size="small" variant="outlined" startIcon={<UploadFileIcon />} disabled={command.isPending} onClick={() => input.current?.click()}>
        {translate(`${E}.upload`)}
      </Button>
      <Typography variant="caption" color="text.secondary">
        {translate(`${E}.formats`)}
      </Typography>
    </>
  );
}

export function CaseTimeline() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  // Reading and writing the timeline is one permission (`cases:events`: mediators, admin).
  const events_ = useCanAccess({ resource: 'cases', action: 'events' });
  const mayWrite = events_.canAccess === true;
  const mayUpload = useCanAccess({ resource: 'cases', action: 'evidence' }).canAccess === true;
  const { data: events, isPending, error } = useCaseEvents(record?.id, mayWrite);
  // In time order: the latest 25 beside the composer, earlier ones a page back.
  const paged = usePagedRows(events ?? [], { from: 'end' });
  if (!record || events_.isPending) return null;
  if (!mayWrite) {
    return (
      <Typography color="text.secondary" data-testid="case-timeline">
        {translate(`${E}.restricted`)}
      </Typography>
    );
  }
  const workable = isWorkable(record.status);

  return (
    <Box data-testid="case-timeline">
      {error ? (
        <Alert severity="error">{(error as Error).message}</Alert>
      ) : isPending ? (
        <Typography color="text.secondary">{translate('ra.page.loading')}</Typography>
      ) : !events || events.length === 0 ? (
        <Typography color="text.secondary">{translate(`${E}.empty`)}</Typography>
      ) : (
        <>
          <ReferralFileLegend />
          <List dense aria-label={translate(`${E}.title`)}>
            {paged.rows.map((event) => (
              <EventLine key={event.id} event={event} caseId={record.id} canReadFiles={mayUpload} />
            ))}
          </List>
          <PagedRowsFooter {...paged} />
        </>
      )}
      {workable && (mayWrite || mayUpload) && (
        <Stack spacing={1.5} sx={{ mt: 2 }}>
          {mayWrite && <EventComposer record={record} />}
          <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            {mayUpload && <EvidenceUpload record={record} />}
            <ImportEmlButton caseId={record.id} />
          </Stack>
        </Stack>
      )}
    </Box>
  );
}
