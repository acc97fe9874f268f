import { defineConfig } from 'vitest/config';

/**
 * `npm test`: every suite that needs nothing beyond `npm install`.
 * - server: the real Express app on a real database (SQLite by default,
 *   PostgreSQL when TEST_DATABASE_URL=postgres://… is set), plus shared/ and db/ tests.
 * - admin: the SPA with jsdom, Testing Library and msw.
 * The browser suite (Debian chromium) is separate: vitest.browser.config.ts.
 * `*.pg.test.ts` files test what only PostgreSQL has (two server processes on one database,
 * pg_dump backups): they are part of the run when TEST_DATABASE_URL is set (CI runs both), and
 * left out — not skipped — on SQLite.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          environment: 'node',
          include: ['server/**/*.test.ts', 'shared/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: onPostgres ? ['**/node_modules/**'] : ['**/node_modules/**', '**/*.pg.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'admin',
          environment: 'jsdom',
          include: ['admin/**/*.test.{ts,tsx}'],
          setupFiles: ['admin/test/setup.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
