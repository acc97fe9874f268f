/**
 * jsdom set-up for the SPA tests: jest-dom matchers, and the few browser APIs jsdom
 * lacks that MUI and react-admin call while rendering.
 */
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from './msw';
import { Blob as NodeBlob, File as NodeFile } from 'node:buffer';

// Rendering the whole App is slow on a busy 2-core CI runner: findBy*/waitFor wait up to 5 s.
configure({ asyncUtilTimeout: 5000 });

// Any request a test did not plan for is a failure, not a silent network call.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

afterEach(() => {
  cleanup();
  server.resetHandlers();
  server.events.removeAllListeners();
  localStorage.clear();
  // react-admin routes with the URL hash: every test starts from the home page.
  window.location.hash = '';
});

// MUI's useMediaQuery (responsive layout, sidebar).
if (!window.matchMedia) {
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// MUI's TextareaAutosize and DataTable column measurements.
const maybeMissing = window as unknown as { ResizeObserver?: unknown };
if (!maybeMissing.ResizeObserver) {
  maybeMissing.ResizeObserver = class ResizeObserverStub {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

// The CSV download creates an object URL; jsdom has none.
if (!URL.createObjectURL) {
  URL.createObjectURL = () => 'blob:test';
  URL.revokeObjectURL = () => {};
}

// Uploads: the SPA builds FormData bodies that Node's fetch sends (msw intercepts it there).
// Node 24's fetch only serialises its own Blob/File/FormData — a jsdom File goes out empty
// and a multipart answer cannot be parsed back into jsdom's File — so the tests use Node's
// three classes, as a browser would use its own with its own fetch.
const nodeFormData = (await new Response('', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }).formData()).constructor;
Object.assign(globalThis, { Blob: NodeBlob, File: NodeFile, FormData: nodeFormData });
