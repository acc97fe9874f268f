/**
 * `npm start`: builds the console when it is missing or older than its sources — in a
 * child process, while the server migrates and loads the demo data on the other core —
 * then serves it (server/main.ts).
 */
import { buildSpaInBackground } from './spaBuild';
import { main } from '../server/main';

const build = buildSpaInBackground().then(
  (seconds) => {
    if (seconds === null) console.log('[start] console build is up to date');
  },
  (err: Error) => {
    console.error(`[start] ${err.message}`);
    process.exit(1);
  },
);

await main({ beforeListen: build });
