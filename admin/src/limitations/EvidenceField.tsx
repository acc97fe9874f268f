/**
 * A limitation's evidence (`[{type, id}]`): for each kind, a link to its list filtered on
 * those records (orders, reviews, cases; an automatic limitation's 50 proposals, LIM-1),
 * for the roles that may read that list.
 */
import { Link } from 'react-router-dom';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCanAccess, useCreatePath, useFieldValue, useTranslate, type FieldProps } from 'react-admin';
import { EVIDENCE_RESOURCE, type EvidenceItem, type EvidenceType } from './evidence';

const TYPES: EvidenceType[] = ['order', 'review', 'case', 'proposal'];

function EvidenceLink({ type, ids }: { type: EvidenceType; ids: number[] }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const resource = EVIDENCE_RESOURCE[type];
  const { canAccess } = useCanAccess({ resource, action: 'list' });
  const label = translate(`app.limitations.evidence.count.${type}`, { smart_count: ids.length });
  if (canAccess !== true) return <Typography variant="body2">{label}</Typography>;
  const filter = encodeURIComponent(JSON.stringify({ id: ids }));
  return (
    <Typography variant="body2" component={Link} to={`${createPath({ resource, type: 'list' })}?filter=${filter}`}>
      {label}
    </Typography>
  );
}

export function EvidenceField(props: FieldProps) {
  const translate = useTranslate();
  const value = useFieldValue({ ...props, source: props.source ?? 'evidence' }) as EvidenceItem[] | null | undefined;
  const items = Array.isArray(value) ? value : [];
  if (items.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('app.limitations.evidence.noneLinked')}
      </Typography>
    );
  }
  return (
    <Stack direction="row" spacing={2} useFlexGap flexWrap="wrap">
      {TYPES.map((type) => {
        const ids = items.filter((e) => e.type === type).map((e) => e.id);
        return ids.length > 0 ? <EvidenceLink key={type} type={type} ids={ids} /> : null;
      })}
    </Stack>
  );
}
