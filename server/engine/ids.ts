/** Row ids compare as numbers when both are numbers, else by UTF-16 code units: locale-independent, so every tie-break is deterministic. */
export function compareIds(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}
