import { render } from '@testing-library/react';
import { memoryStore, type Store } from 'react-admin';
import { App } from '../src/App';
import { createAuthProvider } from '../src/authProvider';
import { createDataProvider } from '../src/dataProvider';
import { createI18nProvider } from '../src/i18n';

/**
 * The real App with the real providers (talking to msw), fresh for each test: no
 * identity cached from a previous test, an in-memory store, French by default.
 * `path` is the hash route to open (react-admin routes with the URL hash); `store` lets a
 * test start from what a person kept in the browser (saved views, for instance).
 */
export function renderApp(path = '/', store: Store = memoryStore()) {
  window.location.hash = `#${path}`;
  return render(
    <App
      authProvider={createAuthProvider()}
      dataProvider={createDataProvider()}
      i18nProvider={createI18nProvider()}
      store={store}
    />,
  );
}
