import type { Store } from 'react-admin';

const SAVED_VIEWS_SUFFIX = '.savedQueries';

/**
 * react-admin empties its Store at sign-out so that list filters and pages never follow
 * one person to the next; saved views are the exception a person expects to find again,
 * so they are put back after the reset. `storage` and `prefix` are where `localStorageStore`
 * keeps its keys (`RaStore<appKey>.<key>`), which the Store API cannot list.
 */
export function keepSavedViewsOnReset(store: Store, storage: Storage, prefix: string): Store {
  return {
    ...store,
    reset() {
      const keys: string[] = [];
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i);
        if (key?.startsWith(`${prefix}.`) && key.endsWith(SAVED_VIEWS_SUFFIX)) keys.push(key.slice(prefix.length + 1));
      }
      const kept = keys.map((key) => [key, store.getItem(key)] as const);
      store.reset();
      for (const [key, value] of kept) store.setItem(key, value);
    },
  };
}
