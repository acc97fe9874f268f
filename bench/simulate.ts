/**
 * The simulator alone (`simulateBatches`): one thread, no database, no worker — the part of
 * `bench:large`'s generation that no loader can speed up. Prints the rows it yields (the
 * partners' final state among them) and its wall and CPU seconds. The machine's other work moves these by tens of percent: to compare two
 * versions, run them side by side, each with its own checkout.
 *
 *   npm run bench:simulate [-- --scale default|test|large] [--seed 20261121] [--now 2026-11-20T10:00:00.000Z]
 */
import { simulateBatches } from '../server/engine/sim/simulate';
import type { ScaleName } from '../server/engine/sim/population';
import { option, round } from './lib';

const args = process.argv.slice(2);
const scale = (option(args, 'scale') ?? 'large') as ScaleName;
const seed = Number(option(args, 'seed') ?? 20261121);
const now = new Date(option(args, 'now') ?? '2026-11-20T10:00:00.000Z');

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const rows: Record<string, number> = {};
const it = simulateBatches({ now, seed, scale });
for (let r = it.next(); !r.done; r = it.next()) rows[r.value.table] = (rows[r.value.table] ?? 0) + r.value.rows.length;
const cpu = process.cpuUsage(cpu0);
const total = Object.values(rows).reduce((a, b) => a + b, 0);
console.log(JSON.stringify({ bench: 'simulate', scale, seed, now: now.toISOString(), rows: total, wallSeconds: round((performance.now() - t0) / 1000, 2), cpuSeconds: round((cpu.user + cpu.system) / 1e6, 2), byTable: rows }, null, 1));
