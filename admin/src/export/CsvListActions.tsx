/**
 * A list's toolbar — filters, "Créer" when the resource has a creation form, and the server's
 * CSV export — for `<List actions={<CsvListActions />} exporter={false}>`: react-admin's own
 * toolbar would offer its in-browser exporter, capped at 1,000 rows.
 */
import { CreateButton, FilterButton, TopToolbar, useFilterContext, useResourceDefinition } from 'react-admin';
import { ServerCsvExportButton } from './ServerCsvExportButton';

export function CsvListActions() {
  const filters = useFilterContext();
  const { hasCreate } = useResourceDefinition();
  return (
    <TopToolbar>
      {filters && filters.length > 0 && <FilterButton />}
      {hasCreate && <CreateButton />}
      <ServerCsvExportButton />
    </TopToolbar>
  );
}
