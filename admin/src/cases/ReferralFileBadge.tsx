/**
 * MED-8 on the timeline: which events go to the outside mediator in the referral file (the
 * parties' exchanges, evidence, deadlines — shared/mediation/referralFile.ts, the list the
 * server's PDF uses) and which stay internal (notes, decisions, status changes).
 */
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useTranslate } from 'react-admin';
import { inReferralFile } from '../../../shared/mediation/referralFile';

const R = 'app.cases.referralFile';

export function ReferralFileBadge({ type }: { type: string }) {
  const translate = useTranslate();
  if (!inReferralFile(type)) return null;
  return <Chip size="small" variant="outlined" color="info" label={translate(`${R}.inFile`)} data-testid="in-referral-file" />;
}

export function ReferralFileLegend() {
  const translate = useTranslate();
  return (
    <Typography variant="caption" color="text.secondary" component="p" data-testid="referral-file-legend">
      {translate(`${R}.legend`)}
    </Typography>
  );
}
