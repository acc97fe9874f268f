import { BooleanField, DataTable, List, NullableBooleanInput, SearchInput, SelectInput } from 'react-admin';
import { choices } from '../common/choices';
import { DateTimeField, EnumField } from '../common/fields';
import { CsvListActions } from '../export/CsvListActions';
import type { StaffAccount } from '../types';
import { isLocked } from './lockState';
import { LockStateField } from './LockStateField';
import { UnlockButton } from './UnlockButton';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={choices.role} alwaysOn />,
  <NullableBooleanInput key="active" source="active" />,
];

export function UserList() {
  return (
    <List filters={filters} sort={{ field: 'fullName', order: 'ASC' }} exporter={false} actions={<CsvListActions />}>
      <DataTable<StaffAccount> bulkActionButtons={false}>
        <DataTable.Col source="fullName" />
        <DataTable.Col source="email" />
        <DataTable.Col source="role">
          <EnumField source="role" enumName="role" />
        </DataTable.Col>
        <DataTable.Col source="active">
          <BooleanField source="active" />
        </DataTable.Col>
        <DataTable.Col source="createdAt">
          <DateTimeField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col source="lockedUntil">
          <LockStateField />
          <UnlockButton />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
