/** Where a payout's money is (PAY-6): planned, sent (on its way for 8 days), or arrived. */
import Chip from '@mui/material/Chip';
import { useRecordContext, useTranslate } from 'react-admin';
import type { Payout } from '../types';

export function payoutStatus(payout: Pick<Payout, 'paidAt' | 'arrivesAt'>, now: Date): 'planned' | 'sent' | 'arrived' {
  if (payout.arrivesAt && new Date(payout.arrivesAt).getTime() <= now.getTime()) return 'arrived';
  if (payout.paidAt && new Date(payout.paidAt).getTime() <= now.getTime()) return 'sent';
  return 'planned';
}

export function PayoutStatusField(_props: { label?: string }) {
  const payout = useRecordContext<Payout>();
  const translate = useTranslate();
  if (!payout) return null;
  const status = payoutStatus(payout, new Date());
  return <Chip size="small" color={status === 'arrived' ? 'success' : 'default'} label={translate(`resources.payouts.status.${status}`)} />;
}
