/**
 * Search folding: the same function prepares the stored `searchText` column and the
 * `q` filter, so that search is case- and accent-insensitive identically on SQLite
 * and PostgreSQL (neither database's collation is involved).
 */
export function foldForSearch(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export function searchTextOf(parts: ReadonlyArray<string | number | null | undefined>): string {
  return foldForSearch(parts.filter((p) => p !== null && p !== undefined && p !== '').join(' '));
}
