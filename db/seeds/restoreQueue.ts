/**
 * What deferIndexes.ts and deferPgIndexes.ts share: the entries a `restore` call names, and
 * calls run one after the other — the loader starts one in the background while it goes on
 * loading, and a later call must not build the same entries beside it.
 */

/**
 * Builds again what was deferred on these tables (on every table by default), from their
 * rows. Calls run one after the other: a call made while another builds waits for it.
 */
export type Restore = (tables?: string | readonly string[]) => Promise<void>;

/** The entries of the tables a `restore` call names. */
export function named<T extends { table: string }>(entries: readonly T[], tables?: string | readonly string[]): T[] {
  if (tables === undefined) return [...entries];
  const wanted = new Set(typeof tables === 'string' ? [tables] : tables);
  return entries.filter((e) => wanted.has(e.table));
}

/** What a bulk load deferred (deferIndexes.ts), to build again once the rows are in. */
export interface DeferredIndexes {
  restore: Restore;
}

/** `restore`, each call starting once the one before has settled (failed or not). */
export function oneAtATime(restore: Restore): DeferredIndexes {
  let last: Promise<unknown> = Promise.resolve();
  return {
    restore(tables) {
      const run = last.then(() => restore(tables), () => restore(tables));
      last = run.catch(() => undefined);
      return run;
    },
  };
}
