/**
 * The simulator in a worker thread (db/seeds/marketplace.ts): it yields its batches to the
 * main thread, which loads them meanwhile — simulation and loading on two cores. At most
 * `MAX_AHEAD` batches wait to be loaded (the main thread counts those it has loaded in
 * `loaded`), so a slow database never lets rows pile up in memory. For PostgreSQL's COPY
 * loader the batches go out as COPY text (EncodedBatch): encoding here costs this thread about
 * what the structured clone of every row object would, and text waiting to be loaded takes a
 * fraction of the rows' memory (the large demo's peak: 2,268 MB with objects, 2,035 MB with text).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { encodeCopyRuns, type CopyRun } from '../../../db/seeds/copyRows';
import type { ScaleName } from './population';
import { simulateBatches, type SimBatch, type SimTable } from './simulate';

/** A batch as COPY text (encodeCopyRuns), with the number of rows it holds. */
export interface EncodedBatch {
  table: SimTable;
  copy: CopyRun[];
  rowCount: number;
}

export type SimWorkerMessage =
  | { kind: 'progress'; phase: string; done: number }
  | { kind: 'batch'; batch: SimBatch | EncodedBatch }
  | { kind: 'done'; stats: import('./rows').SimStats }
  | { kind: 'error'; message: string; stack?: string };

export interface SimWorkerData {
  now: string;
  seed: number;
  scale?: ScaleName;
  /** Int32Array over a SharedArrayBuffer: [batches loaded by the main thread]. */
  loaded: SharedArrayBuffer;
  /** The batches as COPY text (PostgreSQL's copy loader); the final state of rows (`update`) stays rows. */
  encodeCopy: boolean;
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
      const batch = r.value;
      const out = data.encodeCopy && !batch.update ? { table: batch.table, copy: encodeCopyRuns(batch.rows), rowCount: batch.rows.length } : batch;
      port.postMessage({ kind: 'batch', batch: out } satisfies SimWorkerMessage);
      posted++;
    }
  } catch (err) {
    const e = err as Error;
    port.postMessage({ kind: 'error', message: e.message, stack: e.stack } satisfies SimWorkerMessage);
  }
}
