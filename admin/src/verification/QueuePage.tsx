/**
 * The queue of partner files waiting for review (REF-9): oldest first, how long each has
 * waited, who holds it and what is still missing; "take the next file" assigns the one
 * that has waited longest to me and opens it. GET /api/verification-queue speaks the
 * ra-data-simple-rest dialect, so this is a plain react-admin list.
 */
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import {
  DataTable,
  List,
  SelectInput,
  TopToolbar,
  useGetIdentity,
  useTranslate,
  type Identifier,
} from 'react-admin';
import { choices } from '../common/choices';
import { DateTimeField, EnumField } from '../common/fields';
import { SavedViewsAside } from '../common/SavedViewsAside';
import { requirementLabel } from './StatusChip';
import { TakeNextButton } from './TakeNextButton';
import { verificationPath } from './verificationPath';

interface QueueRow {
  id: number;
  reference: string;
  firstName: string;
  lastName: string;
  vertical: string;
  status: string;
  assignedTo: number | null;
  assignedToName: string | null;
  waitingSince: string;
  waitingDays: number;
  complete: boolean;
  missingCount: number;
  missing: string[];
  toReviewCount: number;
  toReview: string[];
}

export { verificationPath };

const QUEUE_STATUSES = choices.partnerStatus.filter((c) => c.id === 'applicant' || c.id === 'in_review');

function queueFilters(me: Identifier | undefined) {
  return [
    <SelectInput key="status" source="status" choices={QUEUE_STATUSES} alwaysOn />,
    <SelectInput key="assignedTo" source="assignedTo" label="app.verification.mine" choices={me === undefined ? [] : [{ id: me, name: 'app.verification.mineChoice' }]} />,
  ];
}

function MissingField({ row }: { row: QueueRow }) {
  const translate = useTranslate();
  if (row.complete) return <Chip size="small" color="success" label={translate('app.verification.queue.ready')} />;
  return (
    <Stack spacing={0.5}>
      {row.missingCount > 0 && (
        <Typography variant="body2" title={row.missing.map((m) => translate(requirementLabel(m))).join(', ')}>
          {translate('app.verification.queue.missing', { smart_count: row.missingCount })}
        </Typography>
      )}
      {row.toReviewCount > 0 && (
        <Typography variant="body2" color="text.secondary" title={row.toReview.map((m) => translate(requirementLabel(m))).join(', ')}>
          {translate('app.verification.queue.toReview', { smart_count: row.toReviewCount })}
        </Typography>
      )}
    </Stack>
  );
}

export function QueuePage() {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const filters = queueFilters(identity?.id);
  return (
    <>
      <List
        resource="verification-queue"
        title="app.verification.queueTitle"
        sort={{ field: 'waitingSince', order: 'ASC' }}
        filters={filters}
        exporter={false}
        actions={
          <TopToolbar>
            <TakeNextButton />
          </TopToolbar>
        }
        empty={false}
        perPage={25}
        // The queue's table needs ~870 px: its sidebar waits for windows wider than 1280 px.
        aside={<SavedViewsAside minWindowWidth={1360} />}
      >
        <DataTable<QueueRow> bulkActionButtons={false} rowClick={(id) => verificationPath(id)}>
          <DataTable.Col source="reference" />
          <DataTable.Col source="lastName" label="resources.verification-queue.fields.name" render={(r) => `${r.firstName} ${r.lastName}`} />
          <DataTable.Col source="vertical">
            <EnumField source="vertical" enumName="vertical" />
          </DataTable.Col>
          <DataTable.Col source="status">
            <EnumField source="status" enumName="partnerStatus" />
          </DataTable.Col>
          <DataTable.Col source="assignedTo" render={(r) => r.assignedToName ?? '—'} />
          <DataTable.Col source="waitingSince">
            <DateTimeField source="waitingSince" />
          </DataTable.Col>
          <DataTable.Col source="waitingDays" render={(r) => translate('app.verification.queue.days', { smart_count: r.waitingDays })} />
          <DataTable.Col source="missingCount" render={(r) => <MissingField row={r as QueueRow} />} />
        </DataTable>
      </List>
    </>
  );
}
