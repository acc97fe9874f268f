/**
 * COPY text for PostgreSQL's copy loader: rows are split into runs of the same columns, in
 * the same order (a column left undefined is left out, so it gets its DEFAULT as through an
 * INSERT), and values are written as COPY's text format reads them.
 */
import { describe, expect, it } from 'vitest';
import { encodeCopyRuns } from './copyRows';

describe('encodeCopyRuns', () => {
  it('when rows change columns — one left undefined, the same keys in another order — then each change starts a run naming only its columns', () => {
    const runs = encodeCopyRuns([
      { id: 1, name: 'a' },
      { id: 2, name: 'b' },
      { id: 3, name: undefined },
      { id: 4, name: 'd' },
      { name: 'e', id: 5 },
      { id: 6, name: 'f', extra: 1 },
    ]);
    expect(runs.map((r) => [r.columns, r.chunks.join('')])).toEqual([
      [['id', 'name'], '1\ta\n2\tb\n'],
      [['id'], '3\n'],
      [['id', 'name'], '4\td\n'],
      [['name', 'id'], 'e\t5\n'],
      [['id', 'name', 'extra'], '6\tf\t1\n'],
    ]);
  });

  it('when values hold COPY syntax, nulls, booleans, dates and JSON, then each is written as COPY reads it', () => {
    const [run] = encodeCopyRuns([{ s: 'a\tb\nc\\d\re', n: null, t: true, f: false, d: new Date('2026-11-20T10:00:00.000Z'), j: { k: 'v\t' } }]);
    expect(run.chunks.join('')).toBe('a\\tb\\nc\\\\d\\re\t\\N\tt\tf\t2026-11-20T10:00:00.000Z\t{"k":"v\\\\t"}\n');
  });
});
