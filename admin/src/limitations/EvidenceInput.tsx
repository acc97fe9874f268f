/**
 * The apply form's evidence picker (CONTRACT `POST /api/limitations` `evidence`: `[{type, id}]`,
 * LIM-8: each item must exist and concern the partner): the chosen partner's recent orders,
 * reviews and (for the roles that may read them) mediation cases, each with a checkbox.
 * Ten of each at first, more on demand; the server checks the items again (422).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormHelperText from '@mui/material/FormHelperText';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useWatch } from 'react-hook-form';
import { useCanAccess, useGetList, useInput, useTranslate, type RaRecord } from 'react-admin';
import { enumKey, type EnumName } from '../common/choices';
import { formatFrenchDate, formatFrenchDateTime } from '../common/format';
import { toggleEvidence, type EvidenceItem, type EvidenceType } from './evidence';

const PAGE = 10;

interface Section {
  type: Exclude<EvidenceType, 'proposal'>;
  resource: string;
  sort: { field: string; order: 'DESC' };
  /** The cells describing one record (after its checkbox); `serviceName` maps a service code to its name. */
  describe: (row: RaRecord, t: (key: string) => string, serviceName: (code: unknown) => string) => ReactNode[];
}

const enumLabel = (t: (key: string) => string, name: EnumName, value: unknown) => (value == null ? '' : t(enumKey(name, String(value))));
const when = (value: unknown, withTime: boolean) => (typeof value === 'string' ? (withTime ? formatFrenchDateTime(value) : formatFrenchDate(value)) : '');

const SECTIONS: Section[] = [
  {
    type: 'order',
    resource: 'orders',
    sort: { field: 'startsAt', order: 'DESC' },
    describe: (r, t, serviceName) => [r.reference, when(r.startsAt, true), serviceName(r.serviceCode), enumLabel(t, 'orderStatus', r.status)],
  },
  {
    type: 'review',
    resource: 'reviews',
    sort: { field: 'createdAt', order: 'DESC' },
    describe: (r, t) => [
      `${String(r.rating)}/5`,
      when(r.createdAt, false),
      r.comment ? String(r.comment).slice(0, 120) : t('app.limitations.evidence.noComment'),
    ],
  },
  {
    type: 'case',
    resource: 'cases',
    sort: { field: 'createdAt', order: 'DESC' },
    describe: (r, t) => [r.reference, when(r.createdAt, false), enumLabel(t, 'caseCategory', r.category), enumLabel(t, 'caseStatus', r.status)],
  },
];

function EvidenceSection({
  section,
  partnerId,
  value,
  onToggle,
}: {
  section: Section;
  partnerId: number | string;
  value: EvidenceItem[];
  onToggle: (item: EvidenceItem) => void;
}) {
  const translate = useTranslate();
  // The catalogue is small (CONTRACT `services`): one request, shared through react-query's cache.
  const { data: services } = useGetList('services', { pagination: { page: 1, perPage: 100 }, sort: { field: 'id', order: 'ASC' } });
  const serviceName = (code: unknown) => String(services?.find((s) => s.id === code)?.name ?? code ?? '');
  const [perPage, setPerPage] = useState(PAGE);
  const { canAccess } = useCanAccess({ resource: section.resource, action: 'list' });
  const { data, total, isPending, error } = useGetList(
    section.resource,
    { filter: { partnerId }, sort: section.sort, pagination: { page: 1, perPage } },
    { enabled: canAccess === true },
  );
  if (canAccess !== true) return null;
  const title = translate(`app.limitations.evidence.${section.type}s`);
  return (
    <Box component="section" aria-label={title} data-evidence-section={section.type} sx={{ mb: 2 }}>
      <Typography variant="subtitle2" component="h3">
        {title}
      </Typography>
      {isPending ? (
        <Typography variant="body2" color="text.secondary">
          {translate('ra.page.loading')}
        </Typography>
      ) : error ? (
        <Typography variant="body2" color="error">
          {(error as Error).message}
        </Typography>
      ) : !data || data.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('app.limitations.evidence.none')}
        </Typography>
      ) : (
        <Table size="small">
          <TableBody>
            {data.map((row) => {
              const item: EvidenceItem = { type: section.type, id: Number(row.id) };
              const checked = value.some((e) => e.type === item.type && e.id === item.id);
              const cells = section.describe(row, translate, serviceName);
              const label = cells.filter(Boolean).join(' · ');
              return (
                <TableRow key={row.id} hover selected={checked} onClick={() => onToggle(item)} sx={{ cursor: 'pointer' }}>
                  <TableCell padding="checkbox">
                    <Checkbox
                      checked={checked}
                      onClick={(e) => e.stopPropagation()}
                      onChange={() => onToggle(item)}
                      slotProps={{ input: { 'aria-label': label } }}
                    />
                  </TableCell>
                  {cells.map((cell, i) => (
                    <TableCell key={i}>{cell}</TableCell>
                  ))}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {total !== undefined && data && total > data.length && (
        <Button size="small" onClick={() => setPerPage((n) => n + PAGE)}>
          {translate('app.limitations.evidence.more', { shown: data.length, total })}
        </Button>
      )}
    </Box>
  );
}

export function EvidenceInput({ source = 'evidence' }: { source?: string; label?: false }) {
  const translate = useTranslate();
  const partnerId = useWatch({ name: 'partnerId' }) as number | string | null | undefined;
  const { field, fieldState } = useInput({ source, defaultValue: [] });
  const value: EvidenceItem[] = Array.isArray(field.value) ? (field.value as EvidenceItem[]) : [];
  const onToggle = (item: EvidenceItem) => field.onChange(toggleEvidence(value, item));
  // Evidence concerns one partner (LIM-8): choosing another partner starts over.
  const previous = useRef(partnerId);
  useEffect(() => {
    if (previous.current === partnerId) return;
    previous.current = partnerId;
    if (value.length > 0) field.onChange([]);
  }, [partnerId, value.length, field]);
  const error = fieldState.error?.message;
  return (
    <Box sx={{ width: '100%', maxWidth: 900, my: 1 }} data-testid="evidence-input">
      <Typography variant="subtitle1" component="h2">
        {translate('app.limitations.evidence.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" gutterBottom>
        {partnerId
          ? translate('app.limitations.evidence.selected', { smart_count: value.length })
          : translate('app.limitations.evidence.pickPartner')}
      </Typography>
      {partnerId != null &&
        partnerId !== '' &&
        SECTIONS.map((s) => <EvidenceSection key={`${s.type}-${String(partnerId)}`} section={s} partnerId={partnerId} value={value} onToggle={onToggle} />)}
      {error && <FormHelperText error>{translate('app.limitations.evidence.invalid')}</FormHelperText>}
    </Box>
  );
}
