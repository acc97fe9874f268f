/**
 * Client-side pages for a table whose rows all arrive in one answer (the watch view's
 * hundreds of documents, a case's timeline, a payout's lines): 25 rows at a time, with the same French range label as the lists.
 */
import TablePagination from '@mui/material/TablePagination';
import { useState } from 'react';
import { useTranslate } from 'react-admin';

const PER_PAGE = 25;

/**
 * `from: 'end'` opens on the last page (a timeline in time order, its latest entries beside the
 * composer) and keeps following the end as entries arrive, until the reader turns a page.
 */
export function usePagedRows<T>(rows: readonly T[], { from = 'start' }: { from?: 'start' | 'end' } = {}) {
  const [page, setPage] = useState(from === 'end' ? Number.MAX_SAFE_INTEGER : 0);
  const last = Math.max(0, Math.ceil(rows.length / PER_PAGE) - 1);
  const current = Math.min(page, last);
  return { rows: rows.slice(current * PER_PAGE, (current + 1) * PER_PAGE), page: current, setPage, count: rows.length };
}

export function PagedRowsFooter({ page, setPage, count }: { page: number; setPage: (page: number) => void; count: number }) {
  const translate = useTranslate();
  if (count <= PER_PAGE) return null;
  return (
    <TablePagination
      component="div"
      count={count}
      page={page}
      rowsPerPage={PER_PAGE}
      rowsPerPageOptions={[]}
      onPageChange={(_event, next) => setPage(next)}
      labelDisplayedRows={({ from, to, count: total }) => translate('ra.navigation.page_range_info', { offsetBegin: from, offsetEnd: to, total })}
      getItemAriaLabel={(type) => translate(`ra.navigation.${type}`)}
    />
  );
}
