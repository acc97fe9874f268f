/**
 * A button on a record's page that opens another resource's create form prefilled from the
 * record (react-admin's `?source=` convention): "apply a limitation" on a partner, "open a
 * case" on an order. Shown only to roles that may create that resource (canAccess reads
 * shared/permissions.ts) and when `when(record)` allows it.
 */
import { Link } from 'react-router-dom';
import Button from '@mui/material/Button';
import AddIcon from '@mui/icons-material/Add';
import { useCanAccess, useCreatePath, useRecordContext, useTranslate, type RaRecord } from 'react-admin';

export function createFromRecordPath(createPath: ReturnType<typeof useCreatePath>, resource: string, source: Record<string, unknown>): string {
  return `${createPath({ resource, type: 'create' })}?source=${encodeURIComponent(JSON.stringify(source))}`;
}

export interface CreateFromRecordButtonProps<T extends RaRecord> {
  resource: string;
  text: string;
  prefill: (record: T) => Record<string, unknown>;
  when?: (record: T) => boolean;
}

export function CreateFromRecordButton<T extends RaRecord>({ resource, text, prefill, when }: CreateFromRecordButtonProps<T>) {
  const record = useRecordContext<T>();
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { canAccess } = useCanAccess({ resource, action: 'create' });
  if (!record || canAccess !== true || (when && !when(record))) return null;
  return (
    <Button component={Link} to={createFromRecordPath(createPath, resource, prefill(record))} variant="contained" startIcon={<AddIcon />} size="small">
      {translate(text)}
    </Button>
  );
}
