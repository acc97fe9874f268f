import { useState } from 'react';
import { Create, required, SimpleForm, TextInput, useRedirect } from 'react-admin';
import type { AppToken } from '../types';
import { NewTokenDialog } from './NewTokenDialog';

/**
 * POST /api/app-tokens answers 201 with the record and, once, the `token` itself: the
 * page stays put to show it in a dialog, and goes to the list only when the admin is done.
 */
export function AppTokenCreate() {
  const [token, setToken] = useState<string | null>(null);
  const redirect = useRedirect();
  return (
    <>
      <Create<AppToken>
        mutationOptions={{
          onSuccess: (created) => setToken(created.token ?? ''),
        }}
      >
        <SimpleForm warnWhenUnsavedChanges>
          <TextInput source="name" validate={required()} />
        </SimpleForm>
      </Create>
      {token !== null && (
        <NewTokenDialog
          token={token}
          onClose={() => {
            setToken(null);
            redirect('list', 'app-tokens');
          }}
        />
      )}
    </>
  );
}
