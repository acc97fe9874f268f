/**
 * On a partner's page: the limitation whose end-of-period review is due or whose termination
 * waits for approval (LIM-6), with its decisions and the four-eyes rule — the termination is
 * reachable without leaving the partner. LIM-7: at most one manual limitation is open, so
 * this is one block at most in practice.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { Labeled, Link, RecordContextProvider, useCanAccess, useCreatePath, useGetList, useRecordContext, useTranslate } from 'react-admin';
import { EnumField } from '../common/fields';
import { LimitationActions } from './LimitationActions';
import type { TerminationRecord } from './TerminationNotice';

const DECIDING = ['awaiting_review', 'termination_pending'];

export function PartnerTermination(_props: { label?: false }) {
  const partner = useRecordContext<{ id: number }>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { canAccess } = useCanAccess({ resource: 'limitations', action: 'terminate' });
  const { data } = useGetList<TerminationRecord & { reason: string }>(
    'limitations',
    { filter: { partnerId: partner?.id, status: DECIDING }, pagination: { page: 1, perPage: 5 }, sort: { field: 'startsAt', order: 'DESC' } },
    { enabled: partner !== undefined && canAccess === true },
  );
  if (!partner || canAccess !== true || !data || data.length === 0) return null;
  return (
    <Labeled label="app.limitations.fourEyes.partnerSection" fullWidth>
      <Box data-testid="partner-termination">
        {data.map((limitation) => (
          <RecordContextProvider key={limitation.id} value={limitation}>
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
              <EnumField source="reason" enumName="limitationReason" />
              <Typography component="span" variant="body2">
                ·
              </Typography>
              <EnumField source="status" enumName="limitationStatus" />
              <Button component={Link} to={createPath({ resource: 'limitations', id: limitation.id, type: 'show' })} size="small">
                {translate('app.limitations.fourEyes.open')}
              </Button>
            </Box>
            <LimitationActions />
          </RecordContextProvider>
        ))}
      </Box>
    </Labeled>
  );
}
