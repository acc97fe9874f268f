/**
 * On an order's page: print its intervention sheet (SHEET-1), see whether the
 * signed coupon came back, open it, and upload its scan (POST /api/orders/{id}/signed-sheet,
 * PDF/JPEG/PNG). Each part shows only to the roles that may use it (coordinator, admin).
 */
import { useRef } from 'react';
import PrintIcon from '@mui/icons-material/Print';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import VisibilityIcon from '@mui/icons-material/Visibility';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMutation } from '@tanstack/react-query';
import { useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate, type Identifier } from 'react-admin';
import type { ConsoleDataProvider } from '../dataProvider';
import { DISPLAY_LOCALE, TIME_ZONE } from '../common/format';
import type { Order } from '../types';
import { sheetUrl, signedSheetState, signedSheetUrl } from './stages';
import { useFileSizeGuard } from '../common/useFileSizeGuard';

type SheetOrder = Order & { sheetFileId?: number | null };

const SIGNED_AT = new Intl.DateTimeFormat(DISPLAY_LOCALE, { dateStyle: 'short', timeStyle: 'short', timeZone: TIME_ZONE });

export function OrderSheetPanel() {
  const record = useRecordContext<SheetOrder>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const input = useRef<HTMLInputElement>(null);
  const dataProvider = useDataProvider<ConsoleDataProvider>();
  const sizeAllowed = useFileSizeGuard();
  const upload = useMutation({
    mutationFn: ({ id, file }: { id: Identifier; file: File }) => dataProvider.uploadSignedSheet(id, file),
    onSuccess: () => {
      notify('app.sheets.order.uploaded', { type: 'success' });
      refresh();
    },
    onError: (error) => notify((error as Error).message || 'ra.notification.http_error', { type: 'warning' }),
    onSettled: () => {
      if (input.current) input.current.value = '';
    },
  });
  const print = useCanAccess({ resource: 'orders', action: 'sheet' });
  const signed = useCanAccess({ resource: 'orders', action: 'signed-sheet' });
  if (!record || print.isPending || signed.isPending) return null;
  if (!print.canAccess && !signed.canAccess) return null;

  const state = signedSheetState(record, new Date());

  return (
    <Stack spacing={1.5} sx={{ py: 0.5 }}>
      {print.canAccess ? (
        <Stack direction="row" spacing={1} alignItems="center">
          <Button variant="contained" size="small" startIcon={<PrintIcon />} component="a" href={sheetUrl(record.id)} target="_blank" rel="noopener">
            {translate('app.sheets.order.print')}
          </Button>
        </Stack>
      ) : null}
      {signed.canAccess ? (
        <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
          {record.sheetSignedAt ? (
            <Chip color="success" label={translate('app.sheets.order.signed', { date: SIGNED_AT.format(new Date(record.sheetSignedAt)) })} />
          ) : (
            <Chip variant="outlined" label={translate('app.sheets.order.unsigned')} />
          )}
          {record.sheetFileId ? (
            <Button size="small" startIcon={<VisibilityIcon />} component="a" href={signedSheetUrl(record.id)} target="_blank" rel="noopener">
              {translate('app.sheets.order.view')}
            </Button>
          ) : null}
          {state === 'ok' ? (
            <>
              <input
                ref={input}
                type="file"
                hidden
                accept="application/pdf,image/jpeg,image/png"
                aria-label={translate('app.sheets.order.upload')}
                data-testid="signed-sheet-input"
                onChange={async (e) => {
                  const picker = e.target;
                  const file = picker.files?.[0];
                  if (file && (await sizeAllowed(file))) upload.mutate({ id: record.id, file });
                  else picker.value = '';
                }}
              />
              <Button size="small" variant="outlined" startIcon={<UploadFileIcon />} disabled={upload.isPending} onClick={() => input.current?.click()}>
                {translate(record.sheetFileId ? 'app.sheets.order.replace' : 'app.sheets.order.upload')}
              </Button>
              <Typography variant="caption" color="text.secondary">
                {translate('app.sheets.order.formats')}
              </Typography>
            </>
          ) : (
            <Typography variant="caption" color="text.secondary">
              {translate(state === 'not_yet' ? 'app.sheets.order.notYet' : 'app.sheets.order.notSignable')}
            </Typography>
          )}
        </Stack>
      ) : null}
    </Stack>
  );
}
