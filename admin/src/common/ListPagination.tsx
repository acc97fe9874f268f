/**
 * react-admin's pagination, except that an estimated total (listTotals.ts) reads "environ
 * 850 000" rather than a number taken for exact. Every <List> gets it from the theme.
 */
import { Pagination, useListContext, useLocaleState, useTranslate, type PaginationProps } from 'react-admin';

export function ListPagination(props: PaginationProps) {
  const { meta } = useListContext();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!(meta as { totalEstimated?: boolean } | undefined)?.totalEstimated) return <Pagination {...props} />;
  const number = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR');
  const label = {
    labelDisplayedRows: ({ from, to, count }: { from: number; to: number; count: number }) =>
      translate('app.list.estimated_range', { from: number.format(from), to: number.format(to), total: number.format(count) }),
  };
  // Pagination hands its other props to MUI's TablePagination, which takes labelDisplayedRows
  // (react-admin's props type leaves it out).
  return <Pagination {...props} {...(label as PaginationProps)} />;
}
