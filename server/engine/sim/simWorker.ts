/**
 * The simulator in a worker thread (db/seeds/marketplace.ts): it yields its batches to the
 * main thread, which loads them meanwhile — simulation and loading on two cores. At most
 * `MAX_AHEAD` batches wait to be loaded (the main thread counts those it has loaded in
 * `loaded`), so a slow database never lets rows pile up in memory.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ScaleName } from './population';
import { simulateBatches } from './simulate';

export type SimWorkerMessage =
  | { kind: 'progress'; phase: string; done: number }
  | { kind: 'batch'; batch: import('./simulate').SimBatch }
  | { kind: 'done'; stats: import('./rows').SimStats }
  | { kind: 'error'; message: string; stack?: string };

export interface SimWorkerData {
  now: string;
  seed: number;
  scale?: ScaleName;
  /** Int32Array over a SharedArrayBuffer: [batches loaded by the main thread]. */
  loaded: SharedArrayBuffer;
}

const MAX_AHEAD = 20;

if (parentPort) {
  const port = parentPort;
  const data = workerData as SimWorkerData;
  const loaded = new Int32Array(data.loaded);
  let posted = 0;
  try {
    const it = simulateBatches({ now: new Date(data.now), seed: data.seed, scale: data.scale, onProgress: (phase, done) => port.postMessage({ kind: 'progress', phase, done } satisfies SimWorkerMessage) });
    for (let r = it.next(); ; r = it.next()) {
      if (r.done) {
        port.postMessage({ kind: 'done', stats: r.value } satisfies SimWorkerMessage);
        break;
      }
      for (let seen = Atomics.load(loaded, 0); posted - seen >= MAX_AHEAD; seen = Atomics.load(loaded, 0)) Atomics.wait(loaded, 0, seen, 1000);
      port.postMessage({ kind: 'batch', batch: r.value } satisfies SimWorkerMessage);
      posted++;
    }
  } catch (err) {
    const e = err as Error;
    port.postMessage({ kind: 'error', message: e.message, stack: e.stack } satisfies SimWorkerMessage);
  }
}
