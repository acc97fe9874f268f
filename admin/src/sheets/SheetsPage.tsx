/**
 * "À imprimer / To print" (rules SHEET-1, SHEET-2): the coordinator's screen of
 * intervention sheets. Three lists over the orders resource — upcoming appointments of a
 * Paris day (tomorrow by default), pending requests, and the history (24 h after the
 * intervention) — narrowed by city, partner and service; each row prints its sheet, and
 * "Print the day" opens the day's sheets as one PDF (GET /api/sheets.pdf) in a new tab.
 */
import { useMemo, useState, type MouseEvent } from 'react';
import PrintIcon from '@mui/icons-material/Print';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import {
  AutocompleteInput,
  DataTable,
  List,
  ReferenceInput,
  TextInput,
  useListContext,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { isIsoDate } from '../../../shared/calendar/paris';
import { orderColumns } from '../orders/orderColumns';
import type { Order } from '../types';
import { daySheetsUrl, sheetUrl, STAGES, stageFilter, stageSort, tomorrowInParis, type Stage } from './stages';

type SheetRow = Order & { city?: string | null; sheetFileId?: number | null };

const sheetFilters = [
  <TextInput key="city" source="city" alwaysOn helperText="app.sheets.cityHelp" />,
  <ReferenceInput key="partnerId" source="partnerId" reference="partners" alwaysOn>
    <AutocompleteInput />
  </ReferenceInput>,
  <ReferenceInput key="serviceCode" source="serviceCode" reference="services" perPage={100} sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <AutocompleteInput optionText="name" />
  </ReferenceInput>,
];

/** A row's print button: the order's sheet in a new tab (the row itself opens the order). */
export function PrintSheetButton() {
  const record = useRecordContext<SheetRow>();
  const translate = useTranslate();
  if (!record) return null;
  const label = translate('app.sheets.printOne', { reference: record.reference });
  return (
    <Tooltip title={label}>
      <IconButton
        component="a"
        href={sheetUrl(record.id)}
        target="_blank"
        rel="noopener"
        aria-label={label}
        size="small"
        onClick={(e: MouseEvent) => e.stopPropagation()}
      >
        <PrintIcon fontSize="small" />
      </IconButton>
    </Tooltip>
  );
}

function SignedChip() {
  const record = useRecordContext<SheetRow>();
  const translate = useTranslate();
  if (!record?.sheetSignedAt) return null;
  return <Chip size="small" color="success" variant="outlined" label={translate('app.sheets.signed')} />;
}

/**
 * Above the upcoming list: the day (Europe/Paris) and "Print the day" — the day's accepted
 * orders with the list's filters, as one PDF in a new tab.
 */
function DayBar({ day, onDay }: { day: string; onDay: (day: string) => void }) {
  const translate = useTranslate();
  const { filterValues, total, isPending } = useListContext();
  const count = total ?? 0;
  return (
    <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap sx={{ px: 2, py: 1.5, borderBottom: 1, borderColor: 'divider' }}>
      <TextField
        type="date"
        size="small"
        label={translate('app.sheets.day')}
        value={day}
        onChange={(e) => {
          if (isIsoDate(e.target.value)) onDay(e.target.value);
        }}
        sx={{ width: 190 }}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'sheets-day' } }}
      />
      <Button
        variant="contained"
        startIcon={<PrintIcon />}
        component="a"
        href={daySheetsUrl(day, filterValues)}
        target="_blank"
        rel="noopener"
        disabled={isPending || count === 0}
        title={translate('app.sheets.printDayHelp')}
      >
        {translate('app.sheets.printDay', { smart_count: count })}
      </Button>
      <Typography variant="body2" color="text.secondary">
        {translate('app.sheets.printDayHelp')}
      </Typography>
    </Stack>
  );
}

/** A row click opens the order: the names in it are only read. */
const orders = orderColumns({ link: false });

function SheetsTable({ stage }: { stage: Stage }) {
  return (
    <DataTable<SheetRow> bulkActionButtons={false} rowClick="show">
      {orders.reference}
      {orders.startsAt}
      {orders.clientId}
      {orders.partnerId}
      {orders.serviceCode}
      {orders.city}
      {stage === 'history' ? orders.status : null}
      <DataTable.Col source="sheetSignedAt" label="app.sheets.signedColumn">
        <SignedChip />
      </DataTable.Col>
      <DataTable.Col source="id" label="app.sheets.sheetColumn" disableSort>
        <PrintSheetButton />
      </DataTable.Col>
    </DataTable>
  );
}

export function SheetsPage() {
  const translate = useTranslate();
  const [stage, setStage] = useState<Stage>('upcoming');
  const [day, setDay] = useState(() => tomorrowInParis(new Date()));
  // "Now" is taken when the list is (re)opened: the history's 24 h boundary moves with it.
  const now = useMemo(() => new Date(), [stage]);
  const filter = useMemo(() => stageFilter(stage, now, day), [stage, now, day]);
  return (
    <Stack sx={{ mt: 1 }}>
      <Tabs value={stage} onChange={(_e, value: Stage) => setStage(value)} aria-label={translate('app.sheets.title')}>
        {STAGES.map((s) => (
          <Tab key={s} value={s} label={translate(`app.sheets.tabs.${s}`)} />
        ))}
      </Tabs>
      {stage === 'history' ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {translate('app.sheets.historyHelp')}
        </Typography>
      ) : null}
      <List
        key={stage}
        resource="orders"
        storeKey={`sheets.${stage}`}
        disableSyncWithLocation
        title="app.sheets.title"
        filter={filter}
        filters={sheetFilters}
        sort={stageSort[stage]}
        perPage={50}
        exporter={false}
        empty={false}
        actions={false}
      >
        {stage === 'upcoming' ? <DayBar day={day} onDay={setDay} /> : null}
        <SheetsTable stage={stage} />
      </List>
    </Stack>
  );
}
