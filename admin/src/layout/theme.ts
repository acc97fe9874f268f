/**
 * react-admin's default theme, with the console's defaults for its components: every <List>
 * paginates with ListPagination (estimated totals said as such).
 */
import { createElement } from 'react';
import { defaultTheme, type RaThemeOptions } from 'react-admin';
import { ListPagination } from '../common/ListPagination';

export const consoleTheme: RaThemeOptions = {
  ...defaultTheme,
  components: {
    ...defaultTheme.components,
    RaList: { defaultProps: { pagination: createElement(ListPagination) } },
  } as RaThemeOptions['components'],
};
