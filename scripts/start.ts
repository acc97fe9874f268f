/**
 * `npm start`: builds the console when it is missing or older than its sources,
 * then starts the server (which migrates and loads the demo data on an empty database).
 */
import { ensureSpaBuilt } from './spaBuild';

try {
  if (ensureSpaBuilt() === null) console.log('[start] console build is up to date');
} catch (err) {
  console.error(`[start] ${(err as Error).message}`);
  process.exit(1);
}

const { main } = await import('../server/main');
await main();
