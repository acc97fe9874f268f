/**
 * The case's links to other cases, both ways: "à rattacher" (an e-mail quoting another case
 * from an address that is not its parties', with the attach/dismiss actions), the original of
 * a duplicate, the duplicates of an original, and the e-mails waiting to be attached to it.
 * Nothing is shown when the case has no link.
 */
import Alert from '@mui/material/Alert';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Link, useCreatePath, useGetList, useGetOne, useTranslate, type Identifier } from 'react-admin';
import type { CaseRecord } from './caseTypes';
import { AttachSuggestionButton } from './AttachSuggestionButton';
import { DismissSuggestionButton } from './DismissSuggestionButton';
import { useSuggestedCase } from './useSuggestedCase';

const L = 'app.cases.links';

/** The cases whose `field` names this one (checked again here: a case is never its own link). */
function useLinked(field: 'duplicateOfId' | 'suggestedCaseId', id: Identifier | undefined) {
  const { data } = useGetList<CaseRecord>(
    'cases',
    { filter: { [field]: id }, pagination: { page: 1, perPage: 50 }, sort: { field: 'id', order: 'ASC' } },
    { enabled: id !== undefined },
  );
  return (data ?? []).filter((c) => c[field] != null && String(c[field]) === String(id) && String(c.id) !== String(id));
}

function CaseLinkList({ label, cases, testId }: { label: string; cases: Array<{ id: Identifier; reference: string }>; testId: string }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (cases.length === 0) return null;
  return (
    <Typography variant="body2" data-testid={testId}>
      {translate(label)} :{' '}
      {cases.map((c, i) => (
        <span key={c.id}>
          {i > 0 && ', '}
          <Link to={createPath({ resource: 'cases', id: c.id, type: 'show' })}>{c.reference}</Link>
        </span>
      ))}
    </Typography>
  );
}

export function CaseLinks() {
  const { record, id: suggestedId, reference: suggestedReference } = useSuggestedCase();
  const translate = useTranslate();
  const duplicates = useLinked('duplicateOfId', record?.id);
  const waiting = useLinked('suggestedCaseId', record?.id);
  const { data: originalCase } = useGetOne<CaseRecord>('cases', { id: record?.duplicateOfId ?? '' }, { enabled: record?.duplicateOfId != null });
  const original = originalCase ? [originalCase] : [];
  if (!record) return null;
  const toAttach = suggestedId != null && record.status !== 'closed';
  if (!toAttach && record.duplicateOfId == null && duplicates.length === 0 && waiting.length === 0) return null;
  return (
    <Stack spacing={1} data-testid="case-links">
      {toAttach && (
        <Alert severity="warning" data-testid="case-to-attach">
          <Typography variant="body2" sx={{ mb: 1 }}>
            {translate(`${L}.toAttachHelp`, { reference: suggestedReference })}
          </Typography>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            <AttachSuggestionButton />
            <DismissSuggestionButton />
          </Stack>
        </Alert>
      )}
      <CaseLinkList label={`${L}.duplicateOf`} cases={original} testId="case-duplicate-of" />
      <CaseLinkList label={`${L}.duplicates`} cases={duplicates} testId="case-duplicates" />
      <CaseLinkList label={`${L}.waiting`} cases={waiting} testId="case-waiting" />
    </Stack>
  );
}
