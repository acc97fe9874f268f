/**
 * The messages sent to a partner for each limitation decision (apply, lift, terminate),
 * newest first, as stored in the outbox (`GET /api/partners/{id}/outbox`, any staff).
 * Each message opens to its full French text.
 */
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useQuery } from '@tanstack/react-query';
import { Labeled, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import { formatFrenchDateTime } from '../common/format';
import { PagedRowsFooter, usePagedRows } from '../common/PagedRows';
import type { ConsoleDataProvider } from '../dataProvider';

export function usePartnerOutbox(partnerId: number | string | undefined) {
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  return useQuery({
    enabled: partnerId !== undefined,
    queryKey: ['partners', partnerId, 'outbox'],
    queryFn: () => dataProvider.getPartnerOutbox(partnerId as number | string),
  });
}

export function PartnerOutbox(_props: { label?: false }) {
  const partner = useRecordContext<{ id: number }>();
  const translate = useTranslate();
  const { data, error, isPending } = usePartnerOutbox(partner?.id);
  // Newest first, 25 at a time: a partner limited and lifted for years has a long history.
  const paged = usePagedRows(data ?? []);
  if (!partner) return null;
  return (
    <Labeled label="resources.partners.sections.outbox" fullWidth>
      <Box data-testid="partner-outbox">
        {isPending ? (
          <Typography variant="body2" color="text.secondary">
            {translate('ra.page.loading')}
          </Typography>
        ) : error ? (
          <Typography variant="body2" color="error">
            {(error as Error).message}
          </Typography>
        ) : data.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('app.limitations.outbox.empty')}
          </Typography>
        ) : (
          paged.rows.map((m) => (
            <Accordion key={m.id} disableGutters data-outbox-kind={m.kind}>
              <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls={`outbox-${m.id}`} id={`outbox-${m.id}-summary`}>
                <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                  <Typography variant="body2" color="text.secondary">
                    {formatFrenchDateTime(m.createdAt)}
                  </Typography>
                  <Chip size="small" label={translate(`app.limitations.outbox.kinds.${m.kind}`, { _: m.kind })} />
                  <Typography variant="body2" component="span" sx={{ fontWeight: 500 }}>
                    {m.subject}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    {m.sentAt
                      ? translate('app.limitations.outbox.sentAt', { at: formatFrenchDateTime(m.sentAt) })
                      : translate('app.limitations.outbox.notSent')}
                  </Typography>
                </Box>
              </AccordionSummary>
              <AccordionDetails id={`outbox-${m.id}`}>
                <Typography variant="body2" component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', m: 0 }}>
                  {m.body}
                </Typography>
              </AccordionDetails>
            </Accordion>
          ))
        )}
        <PagedRowsFooter {...paged} />
      </Box>
    </Labeled>
  );
}
