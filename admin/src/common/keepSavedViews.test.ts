import { localStorageStore } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { keepSavedViewsOnReset } from './keepSavedViews';

describe('the console store at sign-out', () => {
  it('when the store is reset, then list state is forgotten but saved views are kept', () => {
    window.localStorage.clear();
    const store = keepSavedViewsOnReset(localStorageStore('1', 'console'), window.localStorage, 'RaStoreconsole');
    store.setup();
    const views = [{ label: 'Mes candidats Lyon', value: { filter: { status: 'applicant', city: 'Lyon' } } }];
    store.setItem('partners.savedQueries', views);
    store.setItem('partners.listParams', { page: 3 });

    store.reset();

    expect(store.getItem('partners.savedQueries')).toEqual(views);
    expect(store.getItem('partners.listParams')).toBeUndefined();
    store.teardown();
  });
});
