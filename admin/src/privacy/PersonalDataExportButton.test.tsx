/** The GDPR export button: shown to admin only, a download link to the audited export route. */
import { render, screen } from '@testing-library/react';
import { AdminContext, RecordContextProvider, ResourceContextProvider, type AuthProvider } from 'react-admin';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles';
import { canAccessAs } from '../access';
import { createI18nProvider } from '../i18n';
import { PersonalDataExportButton } from './PersonalDataExportButton';

function renderAs(role: Role, resource: string) {
  const authProvider: AuthProvider = {
    login: async () => {},
    logout: async () => {},
    checkAuth: async () => {},
    checkError: async () => {},
    getPermissions: async () => role,
    canAccess: async ({ resource: r, action }) => canAccessAs(role, r, action),
  };
  return render(
    <AdminContext authProvider={authProvider} i18nProvider={createI18nProvider('fr')}>
      <ResourceContextProvider value={resource}>
        <RecordContextProvider value={{ id: 42, reference: 'X' }}>
          <PersonalDataExportButton />
          <span>rendered</span>
        </RecordContextProvider>
      </ResourceContextProvider>
    </AdminContext>,
  );
}

describe('personal-data export button', () => {
  it.each(['partners', 'clients'])('when an admin views one of the %s, then a download link to its export is shown', async (resource) => {
    renderAs('admin', resource);
    const link = await screen.findByRole('link', { name: /données personnelles/i });
    expect(link).toHaveAttribute('href', `/api/${resource}/42/export`);
    expect(link).toHaveAttribute('download');
  });

  it.each(['support', 'ops', 'mediator', 'coordinator'] as const)('when %s views a partner, then there is no export button', async (role) => {
    renderAs(role, 'partners');
    await screen.findByText('rendered');
    // canAccess is asynchronous: give it a moment, then the button must still be absent.
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('link', { name: /données personnelles/i })).toBeNull();
  });
});
