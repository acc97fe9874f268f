/**
 * The mediators' queue: cases by nearest running deadline (`nextDueAt`, nulls
 * last), with quick views (my cases, overdue, unassigned, referred, to attach), filters, the French
 * Excel export, the .eml import, and the chart of running cases by age.
 */
import { lazy, Suspense } from 'react';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  AutocompleteInput,
  CreateButton,
  DataTable,
  FilterButton,
  FilterList,
  FilterListItem,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TopToolbar,
  useGetIdentity,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { choices } from '../common/choices';
import { SavedViewsAside } from '../common/SavedViewsAside';
import { DateTimeField, EnumField } from '../common/fields';
import { formatBusinessDate } from '../common/format';
import { ServerCsvExportButton } from '../export/ServerCsvExportButton';
import { parisDate } from '../../../shared/calendar/paris';
import type { CaseRecord } from './caseTypes';
import { AssigneeField } from './AssigneeField';
import { ImportEmlButton } from './ImportEmlButton';

// recharts loads only when the case list shows its chart.
const CaseAgeChart = lazy(() => import('./CaseAgeChart'));

const YES_NO = [
  { id: 'true', name: 'app.common.yes' },
  { id: 'false', name: 'app.common.no' },
];
const DUE_KINDS = ['answer', 'refusal', 'outcome'].map((k) => ({ id: k, name: `app.cases.deadlines.kinds.${k}` }));

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={choices.caseStatus} alwaysOn />,
  <SelectInput key="category" source="category" choices={choices.caseCategory} />,
  <SelectInput key="overdue" source="overdue" choices={YES_NO} label="app.cases.filters.overdue" />,
  <SelectInput key="nextDueKind" source="nextDueKind" choices={DUE_KINDS} />,
  <SelectInput key="insuranceClaim" source="insuranceClaim" choices={YES_NO} />,
  <ReferenceInput key="partnerId" source="partnerId" reference="partners">
    <AutocompleteInput />
  </ReferenceInput>,
];

/** The quick views: "my cases" needs who is signed in (`assignedTo` = my id). */
function QuickViews() {
  const { identity } = useGetIdentity();
  return (
    <SavedViewsAside>
      <FilterList label="app.cases.filters.views" icon={null}>
        {identity && <FilterListItem label="app.cases.filters.mine" value={{ assignedTo: identity.id }} />}
        <FilterListItem label="app.cases.filters.overdueView" value={{ overdue: true }} />
        <FilterListItem label="app.cases.filters.unassigned" value={{ assignedTo: null }} />
        <FilterListItem label="app.cases.filters.referred" value={{ status: 'referred' }} />
        <FilterListItem label="app.cases.links.toAttach" value={{ toAttach: true }} />
      </FilterList>
    </SavedViewsAside>
  );
}

/** The nearest running deadline, which one it is, and whether it has passed. */
export function NextDueField() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  if (!record?.nextDueAt) return <Typography variant="body2">—</Typography>;
  const overdue = Date.parse(record.nextDueAt) < Date.now();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Typography variant="body2" component="span">
        {formatBusinessDate(parisDate(record.nextDueAt))}
      </Typography>
      {record.nextDueKind && (
        <Typography variant="caption" component="span" color="text.secondary">
          {translate(`app.cases.deadlines.kinds.${record.nextDueKind}`)}
        </Typography>
      )}
      {overdue && <Chip size="small" color="error" label={translate('app.cases.filters.overdueChip')} />}
    </Stack>
  );
}

function ListActions() {
  return (
    <TopToolbar>
      <FilterButton />
      <ImportEmlButton />
      <CreateButton />
      <ServerCsvExportButton />
    </TopToolbar>
  );
}

export function CaseList() {
  return (
    <>
      <List
        filters={filters}
        sort={{ field: 'nextDueAt', order: 'ASC' }}
        exporter={false}
        aside={<QuickViews />}
        actions={<ListActions />}
      >
        <DataTable<CaseRecord> bulkActionButtons={false} rowClick="show">
          <DataTable.Col source="reference" />
          <DataTable.Col source="status">
            <EnumField source="status" enumName="caseStatus" />
          </DataTable.Col>
          <DataTable.Col source="category">
            <EnumField source="category" enumName="caseCategory" />
          </DataTable.Col>
          <DataTable.Col source="partnerId">
            <ReferenceField source="partnerId" reference="partners" />
          </DataTable.Col>
          <DataTable.Col source="clientId">
            <ReferenceField source="clientId" reference="clients" />
          </DataTable.Col>
          <DataTable.Col source="nextDueAt">
            <NextDueField />
          </DataTable.Col>
          <DataTable.Col source="assignedTo">
            <AssigneeField />
          </DataTable.Col>
          <DataTable.Col source="createdAt">
            <DateTimeField source="createdAt" />
          </DataTable.Col>
        </DataTable>
      </List>
      <Suspense fallback={null}>
        <CaseAgeChart />
      </Suspense>
    </>
  );
}
