/**
 * GET /api/openapi.json (OpenAPI 3.1), generated from the same declarations the server runs
 * on — never kept by hand: the route list of ApiRouter (path, access, query, body, success
 * status and answer — server/http/answers.ts and each area's `answers.ts`) and the resource
 * specs (record shapes, list filters). Zod schemas become JSON Schema 2020-12 (OpenAPI 3.1's
 * dialect: `null` is a type, there is no `nullable`); named schemas (records, the error)
 * are hoisted into `components.schemas`.
 */
import { z } from 'zod';
import { can, ROLES, type Role } from '../../shared/permissions';
import type { Access, RouteMeta } from './apiRouter';
import { errorAnswer, isJsonAnswer, recordOf, schemaName, type Answer } from './answers';
import type { ResourceSpec } from './resource';
import type { JsonObject, JsonValue } from '../../shared/json';

/**
 * Converts a zod schema into a JSON Schema for the document; schemas with an id go to
 * `defs` (the future components.schemas) and are referenced from there.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output', defs: JsonObject): JsonObject {
  const out = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonObject;
  delete out.$schema;
  const local = out.$defs as Record<string, JsonObject> | undefined;
  delete out.$defs;
  const rewrite = (value: JsonValue | undefined): JsonValue | undefined => {
    if (Array.isArray(value)) return value.map(rewrite) as JsonValue[];
    if (value === null || typeof value !== 'object') return value;
    const copy: JsonObject = {};
    for (const [k, v] of Object.entries(value)) {
      copy[k] = k === '$ref' && typeof v === 'string' ? v.replace(/^#\/\$defs\//, '#/components/schemas/') : rewrite(v);
    }
    return copy;
  };
  for (const [name, def] of Object.entries(local ?? {})) defs[name] ??= rewrite(def);
  return rewrite(out) as JsonObject;
}

/** The roles the permission table lets through, in words — the access rule of the operation. */
export function accessRule(access: Access): string {
  switch (access.kind) {
    case 'public':
      return 'Access: public (no session).';
    case 'app':
      return 'Access: an app holding a bearer token (Authorization: Bearer <app token>); a staff session is refused (401).';
    case 'session':
      return `Access: any signed-in staff member (${ROLES.join(', ')}).`;
    case 'permission': {
      const roles = ROLES.filter((r: Role) => can(r, access.resource, access.action));
      return `Access: staff session with permission ${access.resource}:${access.action} — roles ${roles.join(', ')}; other roles 403, signed out 401.`;
    }
  }
}

function filterDescription(spec: ResourceSpec): string {
  const eq = Object.keys(spec.fields).filter((k) => spec.fields[k].filter);
  const ranges = Object.keys(spec.fields).filter((k) => spec.fields[k].filter === 'range');
  const custom = Object.keys(spec.customFilters ?? {});
  return [
    `JSON object. Equality or list of values on: ${eq.join(', ')}.`,
    ranges.length ? `Ranges: ${ranges.map((r) => `${r}_gte/${r}_lte`).join(', ')}.` : '',
    custom.length ? `Also: ${custom.join(', ')}.` : '',
    spec.searchable ? '`q`: case- and accent-insensitive search.' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

export function listQueryParameters(spec: ResourceSpec | undefined): JsonObject[] {
  return [
    { name: 'sort', in: 'query', required: false, schema: { type: 'string' }, description: '["field","ASC"|"DESC"]' },
    { name: 'range', in: 'query', required: false, schema: { type: 'string' }, description: '[start,end], at most 1000 rows' },
    { name: 'filter', in: 'query', required: false, schema: { type: 'string' }, description: spec ? filterDescription(spec) : 'JSON object' },
  ];
}

function successContent(answer: Answer, defs: JsonObject): JsonObject | undefined {
  if (isJsonAnswer(answer)) return { 'application/json': { schema: jsonSchemaOf(answer, 'output', defs) } };
  if ('file' in answer) return Object.fromEntries(answer.file.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }]));
  return undefined;
}

const LIST_HEADERS: JsonObject = {
  'Content-Range': { schema: { type: 'string' }, description: '`<resource> <start>-<end>/<total>`' },
  'X-Total-Estimated': {
    schema: { type: 'string', enum: ['true'] },
    description: 'Present when the total is an estimate: PostgreSQL, more matching rows than LIST_EXACT_TOTAL_MAX (server/http/listTotal.ts)',
  },
};

const SUCCESS_TEXT: Record<number, string> = { 200: 'OK', 201: 'Created', 204: 'No content' };

function security(access: Access): JsonObject[] {
  if (access.kind === 'public') return [];
  if (access.kind === 'app') return [{ appToken: [] }];
  return [{ session: [] }];
}

export function buildOpenApi(routes: readonly RouteMeta[], specs: readonly ResourceSpec[]) {
  const specByName = new Map(specs.map((s) => [s.name as string, s]));
  const defs: JsonObject = {};
  for (const spec of specs) jsonSchemaOf(recordOf(spec), 'output', defs);
  jsonSchemaOf(errorAnswer, 'output', defs);
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    const path = `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;
    const parameters: JsonObject[] = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (route.list) parameters.push(...listQueryParameters(specByName.get(route.list)));
    if (route.query) {
      const q = jsonSchemaOf(route.query, 'input', defs);
      const required = new Set((q.required as string[] | undefined) ?? []);
      for (const [name, schema] of Object.entries((q.properties ?? {}) as Record<string, JsonObject>)) {
        parameters.push({ name, in: 'query', required: required.has(name), schema });
      }
    }
    const responses: JsonObject = {};
    for (const status of [route.status].flat()) {
      const content = status === 204 ? undefined : successContent(route.answer, defs);
      responses[String(status)] = {
        description: SUCCESS_TEXT[status] ?? 'OK',
        ...(route.list ? { headers: LIST_HEADERS } : {}),
        ...(content ? { content } : {}),
      };
    }
    responses.default = {
      description: 'Error: `{"error": {"code", "message", "details"?}}`',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
    const op: JsonObject = {
      operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c?: string) => (c ? c.toUpperCase() : ''))}`,
      summary: route.summary,
      description: [accessRule(route.access), route.response].filter(Boolean).join(' '),
      tags: [route.tag],
      security: security(route.access),
      parameters,
      responses,
    };
    if (route.body) {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchemaOf(route.body, 'input', defs) } },
      };
    } else if (route.multipart) {
      op.requestBody = { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } } } } } };
    }
    (paths[path] ??= {})[route.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Console back-office — API',
      version: '1.0.0',
      description: 'ra-data-simple-rest dialect; errors as {"error":{"code","message","details"}}. Generated from the routes’ own declarations.',
    },
    paths,
    components: {
      schemas: defs,
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'console.sid' },
        appToken: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}

