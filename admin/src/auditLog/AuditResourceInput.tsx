import { SelectInput, usePermissions, useTranslate, type SelectInputProps } from 'react-admin';
import { AUDIT_RESOURCES, canReadAuditOf } from '../../../shared/permissions';
import { asRole } from '../access';

/**
 * The audit log's resource filter: only the resources whose entries the role may read (the
 * shared rule the server applies), labelled with their translated plural names.
 */
export function AuditResourceInput(props: Omit<SelectInputProps, 'choices'>) {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const role = asRole(permissions);
  const choices = AUDIT_RESOURCES.filter((resource) => resource !== 'audit-log' && canReadAuditOf(role, resource)).map((resource) => ({
    id: resource,
    name: translate(`resources.${resource}.name`, { smart_count: 2, _: translate(`app.audit.resources.${resource}`, { smart_count: 2, _: resource }) }),
  }));
  return <SelectInput {...props} choices={choices} translateChoice={false} />;
}
