/**
 * A mediation case: who is involved (client, partner, order), its links to other
 * cases (to attach, duplicates), the deadlines the law and our policy set (MED-5..8), the
 * quick actions its state allows, and the timeline.
 */
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Labeled, ReferenceField, Show, TextField, useRecordContext, useTranslate } from 'react-admin';
import { enumKey } from '../common/choices';
import { DateTimeField, EnumField, MoneyField } from '../common/fields';
import type { CaseRecord } from './caseTypes';
import { AssigneeField } from './AssigneeField';
import { CaseActions } from './CaseActions';
import { CaseLinks } from './CaseLinks';
import { CloseDuplicateButton } from './CloseDuplicateButton';
import { CaseTimeline } from './CaseTimeline';
import { DeadlinePanel } from './DeadlinePanel';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ height: '100%' }} data-testid={testId}>
      <CardContent>
        <Typography variant="subtitle1" component="h2" gutterBottom>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

const STATUS_COLOR = { open: 'info', amicable: 'primary', resolved: 'success', referred: 'warning', closed: 'default' } as const;

function CaseHeader() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <Typography variant="h5" component="h1">
        {translate('app.cases.title', { reference: record.reference })}
      </Typography>
      <Chip
        color={STATUS_COLOR[record.status] ?? 'default'}
        label={translate(enumKey('caseStatus', record.status))}
        data-testid="case-status"
      />
      <Chip variant="outlined" label={translate(enumKey('caseCategory', record.category))} />
      {record.insuranceClaim && <Chip color="secondary" variant="outlined" label={translate('app.cases.insuranceClaim')} />}
      {record.suggestedCaseId != null && record.status !== 'closed' && <Chip color="warning" label={translate('app.cases.links.toAttach')} />}
    </Stack>
  );
}

function Parties() {
  const record = useRecordContext<CaseRecord>();
  if (!record) return null;
  return (
    <Stack spacing={1}>
      <Labeled source="orderId">
        <ReferenceField source="orderId" reference="orders" link="show" emptyText="—" />
      </Labeled>
      <Labeled source="clientId">
        <ReferenceField source="clientId" reference="clients" link="show" emptyText="—" />
      </Labeled>
      <Labeled source="partnerId">
        <ReferenceField source="partnerId" reference="partners" link="show" emptyText="—" />
      </Labeled>
      <Labeled source="assignedTo">
        <AssigneeField />
      </Labeled>
      <Labeled source="createdAt">
        <DateTimeField source="createdAt" />
      </Labeled>
      {record.description && (
        <Labeled source="description">
          <TextField source="description" sx={{ whiteSpace: 'pre-wrap' }} />
        </Labeled>
      )}
      {record.outcome && (
        <Labeled source="outcome">
          <EnumField source="outcome" enumName="caseOutcome" />
        </Labeled>
      )}
      {record.refundCents != null && (
        <Labeled source="refundCents">
          <MoneyField source="refundCents" />
        </Labeled>
      )}
      {record.closedAt && (
        <Labeled source="closedAt">
          <DateTimeField source="closedAt" />
        </Labeled>
      )}
    </Stack>
  );
}

function CaseTitle() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  return <>{record ? translate('app.cases.title', { reference: record.reference }) : ''}</>;
}

export function CaseShow() {
  return (
    <Show title={<CaseTitle />}>
      <CardContent>
        <Stack spacing={2}>
          <CaseHeader />
          <CaseLinks />
          <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <CaseActions />
            <CloseDuplicateButton />
          </Stack>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, md: 5 }}>
              <Section title="app.cases.sections.parties" testId="case-parties">
                <Parties />
              </Section>
            </Grid>
            <Grid size={{ xs: 12, md: 7 }}>
              <Section title="app.cases.deadlines.title">
                <DeadlinePanel />
              </Section>
            </Grid>
          </Grid>
          <Section title="app.cases.timeline.title">
            <CaseTimeline />
          </Section>
        </Stack>
      </CardContent>
    </Show>
  );
}
