/**
 * Resource specifications: one declarative description per REST resource (fields,
 * their kinds, which are filterable, sortable, editable, searchable). The list
 * helper, the row mapper, the PUT validator and the OpenAPI document all read it,
 * so a field is declared once.
 */
import type { Row } from '../data/rows';
import type { Knex } from 'knex';
import type { z } from 'zod';
import type { JsonObject, JsonValue } from '../../shared/json';
import type { Resource } from '../../shared/permissions';
import type { SearchForm } from './searchIndex';

export type FieldKind = 'id' | 'int' | 'number' | 'string' | 'bool' | 'instant' | 'date' | 'json' | 'enum';

export interface FieldSpec {
  kind: FieldKind;
  /** enum values (kind `enum`). */
  values?: readonly string[];
  /** Filterable by equality / list of values; `range` also allows `field_gte` / `field_lte`. */
  filter?: boolean | 'range';
  sort?: boolean;
  nullable?: boolean;
  /** Column name when it differs from the field name. */
  column?: string;
  /** Editable through PUT (validated by the resource's `updateSchema`). */
  editable?: boolean;
  description?: string;
}

export interface ListContext {
  db: Knex;
  /** How `q` is looked up on SQLite's trigram index (server/http/searchIndex.ts); `index` by default. */
  search?: SearchForm;
}

export interface CustomFilter {
  /** Validates the filter value (a 400 when it does not parse). */
  schema: z.ZodType;
  apply(qb: Knex.QueryBuilder, value: unknown, ctx: ListContext): void;
  description?: string;
}

export interface ResourceSpec {
  name: Resource;
  table: string;
  /** Field name of the primary key ('id'). */
  fields: Record<string, FieldSpec>;
  /** The table has a `searchText` column that `q` searches. */
  searchable?: boolean;
  defaultSort: [string, 'ASC' | 'DESC'];
  customFilters?: Record<string, CustomFilter>;
  /** The id is a string (services' codes) rather than an integer. */
  stringId?: boolean;
  /** Builds the `searchText` column from a full row (required when `searchable`). */
  searchOf?: (row: Row) => string;
}

/**
 * The field of that name, or undefined: an own property only, so that a client's
 * `toString` or `constructor` is an unknown field rather than Object.prototype's.
 */
export function fieldOf(spec: ResourceSpec, name: string): FieldSpec | undefined {
  return Object.hasOwn(spec.fields, name) ? spec.fields[name] : undefined;
}

/** The custom filter of that name (own property only, as fieldOf), or undefined. */
export function customFilterOf(spec: ResourceSpec, name: string): CustomFilter | undefined {
  return spec.customFilters && Object.hasOwn(spec.customFilters, name) ? spec.customFilters[name] : undefined;
}

export function columnOf(spec: ResourceSpec, field: string): string {
  return `${spec.table}.${fieldOf(spec, field)?.column ?? field}`;
}

/** A record as the API shows it: the resource's fields, converted from a row (mapRow) to JSON. */
export type ApiRecord = JsonObject;

/** Converts a database row to the API's JSON shape, identically for SQLite and PostgreSQL. */
export function mapRow(spec: ResourceSpec, row: Row): ApiRecord {
  const out: ApiRecord = {};
  for (const [field, f] of Object.entries(spec.fields)) {
    const raw = row[f.column ?? field];
    out[field] = convert(f.kind, raw);
  }
  return out;
}

const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function convert(kind: FieldKind, raw: unknown): JsonValue {
  if (raw === null || raw === undefined) return null;
  switch (kind) {
    case 'bool':
      return raw === true || raw === 1 || raw === '1' || raw === 't';
    case 'int':
    case 'number':
      return typeof raw === 'number' ? raw : Number(raw);
    case 'id':
      return typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : (raw as number | string);
    case 'instant':
      if (raw instanceof Date) return raw.toISOString();
      // SQLite hands back the ISO strings the app wrote: skip the parse and re-format.
      return typeof raw === 'string' && CANONICAL_INSTANT.test(raw) ? raw : new Date(String(raw)).toISOString();
    case 'json':
      return (typeof raw === 'string' ? JSON.parse(raw) : raw) as JsonValue;
    default:
      // Text columns (and enums) come back as strings from both drivers.
      return raw as JsonValue;
  }
}
