/**
 * Typed-array columns that grow (the simulator's per-order ledgers, scoreLedger.ts and
 * payoutRows.ts): a million orders' fields as numbers in a few arrays rather than as objects
 * the garbage collector walks.
 */
export type Column = Int32Array | Float64Array | Uint8Array;

/** `a`'s values in a new array of the same type and `size` elements (the rest zero). */
export function widened<T extends Column>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
