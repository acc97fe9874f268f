/**
 * Target (issue: foundation): after `npm install`, a first `npm start` serves the
 * console in < 60 s. Measures a true first start: no built console (admin/dist is
 * removed), an empty database; from spawning `npm start` to `/` answering 200.
 *
 *   npm run bench:start
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../server/config';
import { startServer } from './lib';

rmSync(path.join(PROJECT_ROOT, 'admin', 'dist'), { recursive: true, force: true });
const server = await startServer({ port: 3917, command: ['npm', 'start'] });
const seconds = server.startedMs / 1000;
await server.stop();
console.log(JSON.stringify({ bench: 'first-start', seconds: Number(seconds.toFixed(1)), target: '< 60 s', ok: seconds < 60 }));
