/**
 * The one list helper of the ra-data-simple-rest dialect (../shared/CONTRACT.md "HTTP"):
 * `sort=["field","ASC"]`, `range=[0,24]` (at most 1,000 rows), `filter={…}` checked
 * against the resource's whitelist, `q` case- and accent-insensitive search, id
 * lists, `field_gte`/`field_lte` ranges, nulls last. Everything a client sends is
 * validated before it reaches SQL: an unknown field or malformed JSON is a 400,
 * never a database error.
 */
import type { QueryParams } from './queryParams';
import type { Knex } from 'knex';
import { z } from 'zod';
import { foldForSearch } from '../../shared/text';
import { isPostgres } from '../db';
import { AppError } from './errors';
import { inLanguage } from './messageLanguage';
import { keysetBatch, type KeysetCursor, type KeysetRequest } from './keysetPage';
import { planSearch, postgresSearchPage, whereContainsToken, type SearchForm } from './searchIndex';
import { cachedBySql, cachedRead } from './readCache';
import { countTotal } from './listTotal';
import { columnOf, customFilterOf, fieldOf, mapRow, type ApiRecord, type FieldSpec, type ListContext, type ResourceSpec } from './resource';
import type { Row } from '../data/rows';
import type { JsonObject } from '../../shared/json';

export const MAX_RANGE = 1000;

export interface ListParams {
  sort: [field: string, order: 'ASC' | 'DESC'];
  range: [start: number, end: number];
  /** The `filter` parameter as sent (JSON): each key is checked against the resource's filters. */
  filter: JsonObject;
}


function parseJsonParam(query: QueryParams, name: string): unknown {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') throw AppError.badRequest(`Le paramètre ${name} doit apparaître une seule fois. / ${name} must be given once.`);
  try {
    return JSON.parse(raw);
  } catch {
    throw AppError.badRequest(`Le paramètre ${name} n’est pas du JSON valide. / ${name} is not valid JSON.`, { param: name });
  }
}

const sortSchema = z.tuple([z.string().min(1), z.string().transform((s) => s.toUpperCase()).pipe(z.enum(['ASC', 'DESC']))]);
const rangeSchema = z.tuple([z.number().int().min(0), z.number().int().min(0)]);

export function parseListParams(spec: ResourceSpec, query: QueryParams): ListParams {
  const known = new Set(['sort', 'range', 'filter']);
  for (const key of Object.keys(query)) {
    if (!known.has(key)) throw AppError.badRequest(`Paramètre inconnu : ${key}. / Unknown query parameter.`, { param: key });
  }

  const rawSort = parseJsonParam(query, 'sort');
  let sort: ListParams['sort'] = spec.defaultSort;
  if (rawSort !== undefined) {
    const parsed = sortSchema.safeParse(rawSort);
    if (!parsed.success) throw AppError.badRequest('sort doit être ["champ","ASC"|"DESC"]. / sort must be ["field","ASC"|"DESC"].', { param: 'sort' });
    const [field, order] = parsed.data;
    if (!fieldOf(spec, field)?.sort) {
      throw AppError.badRequest(`Tri impossible sur « ${field} ». / Cannot sort ${spec.name} by ${field}.`, {
        param: 'sort',
        field,
        allowed: Object.keys(spec.fields).filter((f) => spec.fields[f].sort),
      });
    }
    sort = [field, order];
  }

  const rawRange = parseJsonParam(query, 'range');
  let range: ListParams['range'] = [0, MAX_RANGE - 1];
  if (rawRange !== undefined) {
    const parsed = rangeSchema.safeParse(rawRange);
    if (!parsed.success || parsed.data[1] < parsed.data[0]) {
      throw AppError.badRequest('range doit être [début, fin] avec 0 ≤ début ≤ fin. / range must be [start, end].', { param: 'range' });
    }
    if (parsed.data[1] - parsed.data[0] + 1 > MAX_RANGE) {
      throw AppError.badRequest(`Au plus ${MAX_RANGE} lignes par page. / At most ${MAX_RANGE} rows per request: page through larger sets.`, {
        param: 'range',
        max: MAX_RANGE,
      });
    }
    range = parsed.data as [number, number];
  }

  const rawFilter = parseJsonParam(query, 'filter');
  let filter: JsonObject = {};
  if (rawFilter !== undefined) {
    if (rawFilter === null || typeof rawFilter !== 'object' || Array.isArray(rawFilter)) {
      throw AppError.badRequest('filter doit être un objet JSON. / filter must be a JSON object.', { param: 'filter' });
    }
    filter = rawFilter as JsonObject;
  }
  return { sort, range, filter };
}

/** `message`: French, or « français / English » as a zod issue is (./zodLanguage.ts): each half goes to its own sentence. */
function badFilter(field: string, message: string): AppError {
  const english = message.includes(' / ') ? `: ${inLanguage(message, 'en')}` : '';
  return AppError.badRequest(`Filtre « ${field} » invalide : ${inLanguage(message, 'fr')}. / Invalid filter ${field}${english}.`, { param: 'filter', field });
}

/** Checks and normalises one scalar filter value against its field kind. */
export function filterValue(field: string, f: FieldSpec, value: unknown): string | number | boolean | null {
  if (value === null) {
    if (!f.nullable) throw badFilter(field, 'ce champ n’est jamais vide');
    return null;
  }
  switch (f.kind) {
    case 'id':
    case 'int': {
      const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      if (typeof n === 'number' && Number.isInteger(n)) return n;
      if (f.kind === 'id' && typeof value === 'string' && /^[a-z0-9_-]{1,64}$/i.test(value)) return value;
      throw badFilter(field, 'entier attendu');
    }
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n === 'number' && Number.isFinite(n)) return n;
      throw badFilter(field, 'nombre attendu');
    }
    case 'bool':
      if (value === true || value === 'true') return true;
      if (value === false || value === 'false') return false;
      throw badFilter(field, 'true ou false attendu');
    case 'enum':
      if (typeof value === 'string' && f.values?.includes(value)) return value;
      throw badFilter(field, `une de ces valeurs : ${f.values?.join(', ')}`);
    case 'instant': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) throw badFilter(field, 'date ISO 8601 attendue');
      return new Date(value).toISOString();
    }
    case 'date':
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
      throw badFilter(field, 'date AAAA-MM-JJ attendue');
    case 'string':
      if (typeof value === 'string' || typeof value === 'number') return String(value);
      throw badFilter(field, 'texte attendu');
    default:
      throw badFilter(field, 'ce champ ne se filtre pas');
  }
}

/** `q`'s words, folded (at most 8): each must be contained in `searchText`. */
function searchTokens(q: string): string[] {
  return foldForSearch(q).split(' ').filter(Boolean).slice(0, 8);
}

function isRangeable(f: FieldSpec): boolean {
  return f.filter === 'range';
}

export function applyFilters(qb: Knex.QueryBuilder, spec: ResourceSpec, filter: JsonObject, ctx: ListContext): void {
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '') continue;

    const custom = customFilterOf(spec, key);
    if (custom) {
      const parsed = custom.schema.safeParse(value);
      if (!parsed.success) throw badFilter(key, parsed.error.issues[0]?.message ?? 'valeur inattendue');
      custom.apply(qb, parsed.data, ctx);
      continue;
    }

    if (key === 'q') {
      if (!spec.searchable) throw badFilter(key, 'pas de recherche sur cette ressource');
      if (typeof value !== 'string') throw badFilter(key, 'texte attendu');
      for (const token of searchTokens(value)) whereContainsToken(qb, ctx.db, spec.table, token, ctx.search);
      continue;
    }

    const rangeMatch = /^(.+)_(gte|lte)$/.exec(key);
    const ranged = rangeMatch ? fieldOf(spec, rangeMatch[1]!) : undefined;
    if (rangeMatch && ranged && isRangeable(ranged)) {
      const [, field, op] = rangeMatch;
      const v = filterValue(key, ranged, value);
      if (v === null) throw badFilter(key, 'une borne ne peut pas être vide');
      qb.where(columnOf(spec, field), op === 'gte' ? '>=' : '<=', v);
      continue;
    }

    const f = fieldOf(spec, key);
    if (!f || !f.filter) {
      const allowed = [
        ...Object.keys(spec.fields).filter((k) => spec.fields[k].filter),
        ...Object.keys(spec.customFilters ?? {}),
        ...(spec.searchable ? ['q'] : []),
      ];
      throw AppError.badRequest(`Filtre inconnu : « ${key} ». / Unknown filter field.`, { param: 'filter', field: key, allowed });
    }
    const col = columnOf(spec, key);
    if (Array.isArray(value)) {
      if (value.length > MAX_RANGE) throw badFilter(key, `au plus ${MAX_RANGE} valeurs`);
      const values = value.map((v) => filterValue(key, f, v));
      const nonNull = values.filter((v): v is string | number | boolean => v !== null);
      if (values.length === 0) {
        qb.whereRaw('1 = 0');
      } else if (nonNull.length < values.length) {
        qb.where((w) => {
          w.whereNull(col);
          if (nonNull.length) w.orWhereIn(col, nonNull);
        });
      } else {
        qb.whereIn(col, nonNull);
      }
    } else {
      const v = filterValue(key, f, value);
      if (v === null) qb.whereNull(col);
      else qb.where(col, v);
    }
  }
}

export interface ListResult {
  rows: ApiRecord[];
  total: number;
  /** `total` is an estimate (PostgreSQL, a large set: server/http/listTotal.ts). */
  totalEstimated?: boolean;
  start: number;
  /** With `batch`: where the next batch starts (null after the last); `total` is then not counted (-1). */
  next?: KeysetCursor | null;
}

/**
 * Runs a validated list query: rows of the page and the total for Content-Range. With `batch`,
 * the same filters, scope and order give one keyset batch instead (server/http/keysetPage.ts):
 * the CSV export walks every matching row that way, `params.range` aside.
 */
export async function listResource(
  db: Knex,
  spec: ResourceSpec,
  params: ListParams,
  scope?: (qb: Knex.QueryBuilder) => void,
  batch?: KeysetRequest,
): Promise<ListResult> {
  const filtered = (search: SearchForm, filter: JsonObject = params.filter) => {
    const qb = db(spec.table);
    if (scope) scope(qb);
    applyFilters(qb, spec, filter, { db, search });
    return qb;
  };
  // Built first: it validates every filter (a 400 before any query runs).
  const base = filtered('index');
  const [field, order] = params.sort;

  const direction = order.toLowerCase() as 'asc' | 'desc';
  // Nulls last in both directions, written out by hand: knex's `nulls` option compiles
  // to `(col is null) desc` alone on SQLite, which drops the column's own order. SQLite
  // sorts NULL as the smallest value and PostgreSQL as the largest, so each needs the clause
  // in one direction only; in the other, leaving it out lets an index give the order.
  const pg = isPostgres(db);
  const nullsComeFirst = pg ? direction === 'desc' : direction === 'asc';
  const nullsClause = !!spec.fields[field].nullable && nullsComeFirst;
  const ordered = (qb: Knex.QueryBuilder) => {
    // PostgreSQL says NULLS LAST itself, which an index declared in that order serves
    // (partners by score: db/migrations/019_partner_score_order.ts); SQLite needs the expression.
    if (nullsClause && pg) qb.orderBy(columnOf(spec, field), direction, 'last');
    else {
      if (nullsClause) qb.orderByRaw('(?? IS NULL) ASC', [columnOf(spec, field)]);
      qb.orderBy(columnOf(spec, field), direction);
    }
    // A stable tie-breaker so that pages never repeat or skip rows.
    if (field !== 'id') qb.orderBy(columnOf(spec, 'id'), direction);
    return qb;
  };
  const columns = Object.entries(spec.fields).map(([name, f]) => `${spec.table}.${f.column ?? name}`);
  const size = params.range[1] - params.range[0] + 1;
  const decode = (raw: unknown[]) => (raw as Row[]).map((r) => Object.freeze(mapRow(spec, r)));
  if (batch) {
    const { raw, next } = await keysetBatch({ spec, base, field, direction, ordered, columns }, batch);
    return { rows: decode(raw), total: -1, start: 0, next };
  }

  // `q` through the trigram index: the page and the total may each take the cheaper form (searchIndex.ts).
  let pageBase = base;
  let knownTotal: number | null = null;
  let page: Promise<ApiRecord[]> | null = null;
  const q = params.filter.q;
  const tokens = typeof q === 'string' && spec.searchable ? searchTokens(q) : [];
  const pageOf = (from: Knex.QueryBuilder) => ordered(from.clone().select(columns)).offset(params.range[0]).limit(size);
  if (tokens.length > 0) {
    const plan = await planSearch(db, spec.table, tokens, { column: nullsClause ? null : (spec.fields[field].column ?? field), rowsWanted: params.range[1] + 1 });
    if (isPostgres(db)) {
      const withoutQ = filtered('scan', { ...params.filter, q: undefined });
      // Either form gives the rows of the plain page query: its SQL is the key they are kept under.
      page = cachedBySql(db, 'q', pageOf(base), async () => decode(await postgresSearchPage(db, spec.table, tokens, plan, { columns, withoutQ, all: base, order: ordered, start: params.range[0], size })));
    } else {
      if (plan.form === 'scan') pageBase = filtered('scan');
      const onlyQ = !scope && Object.entries(params.filter).every(([k, v]) => k === 'q' || v === undefined || v === '');
      if (onlyQ) knownTotal = plan.matches;
    }
  }

  // Kept while the tables it reads are unwritten (server/http/readCache.ts).
  page ??= cachedRead(db, pageOf(pageBase), decode);
  const [rows, { total, estimated }] = await Promise.all([page, knownTotal !== null ? { total: knownTotal, estimated: false } : countTotal(db, base)]);
  return { rows, total, totalEstimated: estimated, start: params.range[0] };
}

/** The headers of a list page: its range and total, and whether that total is an estimate. */
export function listPageHeaders(resource: string, result: ListResult): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Range': contentRange(resource, result) };
  if (result.totalEstimated) headers['X-Total-Estimated'] = 'true';
  return headers;
}

export function contentRange(resource: string, result: ListResult): string {
  if (result.rows.length === 0) return `${resource} */${result.total}`;
  return `${resource} ${result.start}-${result.start + result.rows.length - 1}/${result.total}`;
}
