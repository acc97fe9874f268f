import { defineConfig } from 'vitest/config';

/**
 * `npm run test:browser`: the console in Debian's Chromium (playwright-core, never a
 * downloaded browser) against the real server on loopback. A missing browser is a
 * failure with a message saying what to install — never a skip.
 */
export default defineConfig({
  test: {
    name: 'browser',
    environment: 'node',
    include: ['admin/e2e/**/*.e2e.ts'],
    globalSetup: ['admin/e2e/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
