/** The audit entry's pieces in words (auditDisplay.ts), as react-admin fields of the list and show pages. */
import { RecordContextProvider, ReferenceField, useRecordContext, useTranslate } from 'react-admin';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { AuditEntry } from '../types';
import { actionLabel, actorLabel, auditSentence, auditTarget, changedFields, fieldLabel, formatAuditValue, resourceLabel } from './auditDisplay';

/** The staff member's (or app's) name; "Le système" for the engine. */
export function AuditActorField(_props: { label?: string | false }) {
  const entry = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!entry) return null;
  return (
    <Typography component="span" variant="body2">
      {actorLabel(entry, translate)}
    </Typography>
  );
}

/** "a transmis le dossier au médiateur". */
export function AuditActionField(_props: { label?: string | false }) {
  const entry = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!entry) return null;
  return (
    <Typography component="span" variant="body2" title={entry.action}>
      {actionLabel(entry.action, translate)}
    </Typography>
  );
}

/** "Marc Médiateur a transmis le dossier au médiateur", as the page's heading. */
export function AuditSentenceField(_props: { label?: string | false }) {
  const entry = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!entry) return null;
  return <Typography variant="h6">{auditSentence(entry, translate)}</Typography>;
}

/** The record the entry is about — "Dossier de médiation M000275" — linked to its page when the console has one. */
export function AuditRecordField(_props: { label?: string | false }) {
  const entry = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!entry) return null;
  const target = auditTarget(entry);
  const kind = resourceLabel(target?.resource ?? entry.resource, translate);
  if (!target) {
    return (
      <Typography component="span" variant="body2">
        {entry.resourceId ? `${kind} ${entry.resourceId}` : kind}
      </Typography>
    );
  }
  return (
    <Typography component="span" variant="body2">
      {kind}{' '}
      {/* The reference's own id as the context's: react-admin builds the link from the context record until the reference loads. */}
      <RecordContextProvider value={{ id: target.id, target: target.id }}>
        <ReferenceField source="target" reference={target.resource} emptyText={`#${target.id}`} />
      </RecordContextProvider>
    </Typography>
  );
}

/** The changed fields only: field, before, after — as masked by the server for the reader's role. */
export function AuditChangesField(_props: { label?: string | false }) {
  const entry = useRecordContext<AuditEntry>();
  const translate = useTranslate();
  if (!entry) return null;
  const changes = changedFields(entry.before, entry.after);
  if (changes.length === 0) {
    return (
      <Typography component="span" variant="body2">
        {translate('app.audit.noChanges')}
      </Typography>
    );
  }
  const cell = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;
  return (
    <Table size="small" aria-label={translate('app.audit.changes')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('app.audit.field')}</TableCell>
          <TableCell>{translate('app.audit.before')}</TableCell>
          <TableCell>{translate('app.audit.after')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map((c) => (
          <TableRow key={c.field}>
            <TableCell component="th" scope="row">
              {c.field ? fieldLabel(entry.resource, c.field, translate) : '—'}
            </TableCell>
            <TableCell sx={cell}>{formatAuditValue(c.before, translate)}</TableCell>
            <TableCell sx={cell}>{formatAuditValue(c.after, translate)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
