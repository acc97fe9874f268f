import { SelectInput, useTranslate, type SelectInputProps } from 'react-admin';
import { RESOURCES } from '../../../shared/permissions';

/** A resource name (audit-log filter), labelled with the resource's translated plural name. */
export function ResourceNameInput(props: Omit<SelectInputProps, 'choices'>) {
  const translate = useTranslate();
  const choices = RESOURCES.map((resource) => ({
    id: resource,
    name: translate(`resources.${resource}.name`, { smart_count: 2, _: resource }),
  }));
  return <SelectInput {...props} choices={choices} translateChoice={false} />;
}
