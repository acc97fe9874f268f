import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { authHandlers, server, USERS } from '../test/msw';
import { createAuthProvider } from './authProvider';

describe('the auth provider', () => {
  it('when the server refuses an action (403), then the user stays signed in; a 401 signs them out', async () => {
    const auth = createAuthProvider();
    await expect(auth.checkError(new HttpError('Interdit', 403, null))).resolves.toBeUndefined();
    await expect(auth.checkError(new HttpError('Non connecté', 401, null))).rejects.toBeInstanceOf(HttpError);
  });

  it('when a coordinator is signed in, then canAccess follows the shared permission table', async () => {
    server.use(...authHandlers({ user: USERS.coordinator, signedIn: true }).handlers);
    const auth = createAuthProvider();
    const canAccess = auth.canAccess!;
    await expect(canAccess({ resource: 'partners', action: 'list' })).resolves.toBe(true);
    // react-admin's `export` is a list read.
    await expect(canAccess({ resource: 'partners', action: 'export' })).resolves.toBe(true);
    await expect(canAccess({ resource: 'partners', action: 'edit' })).resolves.toBe(false);
    await expect(canAccess({ resource: 'partners', action: 'create' })).resolves.toBe(false);
    await expect(canAccess({ resource: 'users', action: 'list' })).resolves.toBe(false);
    await expect(canAccess({ resource: 'orders', action: 'sheet' })).resolves.toBe(true);
    // Field-level: a sensitive field is not readable in full by this role.
    await expect(canAccess({ resource: 'partners.iban', action: 'read' })).resolves.toBe(false);
    await expect(canAccess({ resource: 'partners.city', action: 'read' })).resolves.toBe(true);
    await expect(auth.getPermissions!({})).resolves.toBe('coordinator');
  });

  it('when nobody is signed in, then checkAuth rejects quietly and nothing is accessible', async () => {
    server.use(...authHandlers({ user: USERS.admin, signedIn: false }).handlers);
    const auth = createAuthProvider();
    await expect(auth.checkAuth({})).rejects.toEqual({ message: false });
    await expect(auth.canAccess!({ resource: 'partners', action: 'list' })).resolves.toBe(false);
    await expect(auth.getPermissions!({})).resolves.toBeNull();
  });

  it('when an admin signs in, then the identity comes from the login answer and logout ends the session', async () => {
    const session = authHandlers({ user: USERS.admin });
    server.use(...session.handlers);
    const auth = createAuthProvider();
    await auth.login({ username: 'admin@demo.test', password: 'demo1234' });
    await expect(auth.getIdentity!()).resolves.toMatchObject({ fullName: 'Alice Admin', role: 'admin' });
    await auth.logout({});
    expect(session.session.signedIn).toBe(false);
    await expect(auth.getPermissions!({})).resolves.toBeNull();
  });
});
