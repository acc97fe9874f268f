import type { Store } from 'react-admin';

const LIST_PARAMS_SUFFIX = '.listParams';

/**
 * A list's filters, sort and page live in its URL only, never in the Store: the menu opens
 * each list at its own defaults instead of the filters left by the previous visit, while the
 * browser's back button (the URL kept its query) and every link carrying `?filter=…` still
 * land on the filtered list. Saved views (`<resource>.savedQueries`) and the sheets screen's
 * own keys are stored as before.
 */
export function listParamsInUrlOnly(store: Store): Store {
  const isListParams = (key: string) => key.endsWith(LIST_PARAMS_SUFFIX);
  return {
    ...store,
    getItem<T = unknown>(key: string, defaultValue?: T): T | undefined {
      return isListParams(key) ? defaultValue : store.getItem(key, defaultValue);
    },
    setItem<T = unknown>(key: string, value: T) {
      if (!isListParams(key)) store.setItem(key, value);
    },
  };
}
