/**
 * GET /api/openapi.json, generated from the same declarations the server runs on:
 * the route list of ApiRouter (paths, access, bodies as zod schemas) and the
 * resource specs (record shapes, list filters).
 */
import { z } from 'zod';
import type { RouteMeta } from './apiRouter';
import type { FieldSpec, ResourceSpec } from './resource';

function fieldSchema(f: FieldSpec): Record<string, unknown> {
  const base: Record<string, unknown> = (() => {
    switch (f.kind) {
      case 'id':
        return { oneOf: [{ type: 'integer' }, { type: 'string' }] };
      case 'int':
        return { type: 'integer' };
      case 'number':
        return { type: 'number' };
      case 'bool':
        return { type: 'boolean' };
      case 'instant':
        return { type: 'string', format: 'date-time' };
      case 'date':
        return { type: 'string', format: 'date' };
      case 'enum':
        return { type: 'string', enum: [...(f.values ?? [])] };
      case 'json':
        return {};
      default:
        return { type: 'string' };
    }
  })();
  return f.nullable ? { ...base, nullable: true } : base;
}

function recordSchema(spec: ResourceSpec) {
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(spec.fields).map(([k, f]) => [k, fieldSchema(f)])),
  };
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

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } },
    },
  },
};

export function buildOpenApi(routes: readonly RouteMeta[], specs: readonly ResourceSpec[]) {
  const specByName = new Map(specs.map((s) => [s.name as string, s]));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;
    const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const listSpec = route.list ? specByName.get(route.list) : undefined;
    const csvSpec = route.csv ? specByName.get(route.csv) : undefined;
    if (listSpec || csvSpec) {
      params.push({ name: 'sort', in: 'query', required: false, schema: { type: 'string' }, description: '["field","ASC"|"DESC"]' } as never);
      if (listSpec) {
        params.push({ name: 'range', in: 'query', required: false, schema: { type: 'string' }, description: '[start,end], at most 1000 rows' } as never);
      }
      params.push({ name: 'filter', in: 'query', required: false, schema: { type: 'string' }, description: filterDescription((listSpec ?? csvSpec)!) } as never);
    }
    const access =
      route.access.kind === 'permission'
        ? `Staff session; permission ${route.access.resource}:${route.access.action}.`
        : route.access.kind === 'app'
          ? 'Authorization: Bearer <app token>.'
          : route.access.kind === 'session'
            ? 'Any signed-in staff member.'
            : 'Public.';
    const resourceSpec = specByName.get(route.path.split('/')[1] ?? '');
    const okSchema = listSpec
      ? { type: 'array', items: { $ref: `#/components/schemas/${listSpec.name}` } }
      : resourceSpec && route.method !== 'delete'
        ? { $ref: `#/components/schemas/${resourceSpec.name}` }
        : {};
    const op: Record<string, unknown> = {
      summary: route.summary,
      description: [access, route.response].filter(Boolean).join(' '),
      tags: [route.tag],
      parameters: params,
      responses: {
        [route.method === 'post' && !route.path.includes('/:') && route.tag !== 'auth' ? '201' : '200']: {
          description: 'OK',
          ...(listSpec ? { headers: { 'Content-Range': { schema: { type: 'string' } } } } : {}),
          content: csvSpec ? { 'text/csv': { schema: { type: 'string' } } } : { 'application/json': { schema: okSchema } },
        },
        default: { description: 'Error', content: { 'application/json': { schema: errorSchema } } },
      },
    };
    if (route.body) {
      op.requestBody = {
        required: true,
        content: { 'application/json': { schema: z.toJSONSchema(route.body, { io: 'input', unrepresentable: 'any' }) } },
      };
    } else if (route.multipart) {
      op.requestBody = { required: true, content: { 'multipart/form-data': { schema: { type: 'object' } } } };
    }
    (paths[path] ??= {})[route.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Console back-office — API',
      version: '1.0.0',
      description: 'ra-data-simple-rest dialect; errors as {"error":{"code","message","details"}}.',
    },
    paths,
    components: {
      schemas: Object.fromEntries(specs.map((s) => [s.name, recordSchema(s)])),
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'console.sid' },
        appToken: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}
