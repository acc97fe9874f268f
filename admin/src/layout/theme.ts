/**
 * react-admin's default theme, with the console's defaults for its components: every <List>
 * paginates with ListPagination (estimated totals said as such); menu labels are never cut.
 */
import { createElement } from 'react';
import { defaultTheme, type RaThemeOptions } from 'react-admin';
import { ListPagination } from '../common/ListPagination';

export const consoleTheme: RaThemeOptions = {
  ...defaultTheme,
  components: {
    ...defaultTheme.components,
    RaList: { defaultProps: { pagination: createElement(ListPagination) } },
    // Menu labels wrap onto a second line instead of ending in "…": at 1280 px the sidebar's
    // 240 px cut "Campagnes de versements" and "Connexion en deux étapes".
    RaMenuItemLink: { styleOverrides: { root: { '& .MuiTypography-noWrap': { whiteSpace: 'normal' } } } },
  } as RaThemeOptions['components'],
};
