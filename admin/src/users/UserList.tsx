import { BooleanField, DataTable, List, NullableBooleanInput, SearchInput, SelectInput } from 'react-admin';
import { choices } from '../common/choices';
import { DateTimeField, EnumField } from '../common/fields';
import { useFrenchCsvExporter, type CsvColumn } from '../export/frenchCsv';
import type { StaffAccount } from '../types';
import { isLocked } from './lockState';
import { LockStateField } from './LockStateField';
import { UnlockButton } from './UnlockButton';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="role" source="role" choices={choices.role} alwaysOn />,
  <NullableBooleanInput key="active" source="active" />,
];

const csvColumns: CsvColumn<StaffAccount>[] = [
  { source: 'email' },
  { source: 'fullName' },
  { source: 'role', kind: 'enum', enumName: 'role' },
  { source: 'active', kind: 'boolean' },
  { source: 'createdAt', kind: 'datetime' },
  // Only a lock in force: a past end means nothing to whoever reads the file.
  { source: 'lockedUntil', kind: 'datetime', value: (u) => (isLocked(u.lockedUntil) ? u.lockedUntil : null) },
];

export function UserList() {
  const exporter = useFrenchCsvExporter(csvColumns);
  return (
    <List filters={filters} sort={{ field: 'fullName', order: 'ASC' }} exporter={exporter}>
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
