/**
 * The REST read routes every resource shares (list in the ra-data-simple-rest
 * dialect, and show), and the PUT body rule: editable fields are applied,
 * read-only ones ignored, fields the resource does not have refused.
 */
import type { Knex } from 'knex';
import type { Request } from 'express';
import { z } from 'zod';
import { maskRecord, type Role } from '../../shared/permissions';
import { registerCsvRoute } from '../export/csvRoute';
import type { ApiRouter } from './apiRouter';
import { listOf, recordOf } from './answers';
import { AppError, fromZod } from './errors';
import { listPageHeaders, listResource, parseListParams } from './listQuery';
import { getOne } from '../data/getOne';
import { fieldOf, type ApiRecord, type ResourceSpec } from './resource';
import type { JsonObject } from '../../shared/json';
import { RESERVED_KEYS } from './textInput';

/** What a role may see of a record the API shows (its sensitive fields masked). */
export type RowMasker = (role: Role | null, record: ApiRecord) => ApiRecord;

export const defaultMask: RowMasker = (role, row) => maskRecord(role, row);

function roleOf(actor: Request['actor']): Role | null {
  return actor?.kind === 'staff' ? actor.role : null;
}

export interface ReadRouteOptions {
  tag: string;
  mask?: RowMasker;
  label: string;
}

export function registerReadRoutes(api: ApiRouter, db: Knex, spec: ResourceSpec, options: ReadRouteOptions): void {
  const mask = options.mask ?? defaultMask;
  api.add(
    {
      method: 'get',
      path: `/${spec.name}`,
      access: { kind: 'permission', resource: spec.name, action: 'list' },
      summary: `List ${options.label} (sort, range, filter, q)`,
      tag: options.tag,
      list: spec.name,
      status: 200,
      answer: listOf(spec),
    },
    async (req, res) => {
      const params = parseListParams(spec, req.query);
      const result = await listResource(db, spec, params);
      const role = roleOf(req.actor);
      res.set(listPageHeaders(spec.name, result)).json(result.rows.map((r) => mask(role, r)));
    },
  );
  registerCsvRoute(api, spec, {
    db,
    tag: options.tag,
    label: options.label,
    async read(req, params, batch) {
      const result = await listResource(db, spec, params, undefined, batch);
      const role = roleOf(req.actor);
      return { ...result, rows: result.rows.map((r) => mask(role, r)) };
    },
  });
  api.add(
    {
      method: 'get',
      path: `/${spec.name}/:id`,
      access: { kind: 'permission', resource: spec.name, action: 'show' },
      summary: `One of ${options.label}`,
      tag: options.tag,
      status: 200,
      answer: recordOf(spec),
    },
    async (req, res) => {
      const row = await getOne(db, spec, String(req.params.id));
      res.json(mask(roleOf(req.actor), row));
    },
  );
}

function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * PUT semantics of CONTRACT.md: react-admin sends the whole record back. Keys that
 * are editable are validated by `schema`; keys the resource has but that are
 * read-only (id, status, scores, timestamps…) are ignored; unknown keys are a 400.
 */
export function parsePutBody<S extends z.ZodRawShape>(spec: ResourceSpec, schema: z.ZodObject<S>, body: unknown) {
  if (!isPlainObject(body)) throw AppError.badRequest('Le corps doit être un objet JSON. / The body must be a JSON object.');
  const editable = Object.keys(schema.shape);
  // Own properties only: `constructor` or `__proto__` is not a field of any resource.
  const unknown = Object.keys(body).filter((k) => RESERVED_KEYS.has(k) || (!fieldOf(spec, k) && !editable.includes(k)));
  if (unknown.length) {
    throw AppError.badRequest(`Champ(s) inconnu(s) : ${unknown.join(', ')}. / Unknown field(s).`, { unknownFields: unknown, field: unknown[0] });
  }
  const picked: JsonObject = {};
  for (const key of editable) if (Object.hasOwn(body, key)) picked[key] = body[key];
  const parsed = schema.partial().safeParse(picked);
  if (!parsed.success) throw fromZod(parsed.error, 'le formulaire / the form');
  return parsed.data;
}

/** POST bodies: a strict schema, so unknown fields are a 400 as well. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, what = 'le formulaire / the form'): z.infer<T> {
  if (!isPlainObject(body)) throw AppError.badRequest('Le corps doit être un objet JSON. / The body must be a JSON object.');
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw fromZod(parsed.error, what);
  return parsed.data;
}
