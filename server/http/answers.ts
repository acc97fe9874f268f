/**
 * What a route answers on success, declared beside the route (each area's `answers.ts`) and
 * read twice: by the OpenAPI document (server/http/openapi.ts) and, under NODE_ENV=test, by
 * the router, which checks every success answer against it (server/http/answerCheck.ts) — so
 * the document cannot drift from what the server sends without a test failing.
 *
 * An answer is a zod schema of the JSON body (converted to JSON Schema 2020-12 for the
 * document), a file (`fileAnswer`), or no body (`noContent`). This module holds the pieces
 * every area shares: the resource records built from their ResourceSpec, the error shape.
 */
import { z } from 'zod';
import type { FieldSpec, ResourceSpec } from './resource';

/** The statuses a route may answer with on success. */
export type SuccessStatus = 200 | 201 | 204;

/** A file download (PDF, image…): its possible content types. */
export interface FileAnswer {
  readonly file: readonly string[];
}
/** No body (204). */
export interface NoContent {
  readonly empty: true;
}
export type Answer = z.ZodType | FileAnswer | NoContent;

export const noContent: NoContent = { empty: true };
export const fileAnswer = (...types: string[]): FileAnswer => ({ file: types });
export const pdfAnswer = fileAnswer('application/pdf');
export const storedFileAnswer = fileAnswer('application/pdf', 'image/jpeg', 'image/png');

export function isJsonAnswer(answer: Answer): answer is z.ZodType {
  return answer instanceof z.ZodType;
}

// --- scalar pieces -------------------------------------------------------------------------

/** An instant as the API writes it: ISO 8601 in UTC with milliseconds. */
export const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/).meta({ format: 'date-time' });
/** A calendar day, YYYY-MM-DD. */
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ format: 'date' });
/** A row id (integer; the services' ids are codes). */
export const rowId = z.number().int();
/** Free JSON (a stored JSON column: evidence lists, score details, audit before/after). */
export const anyJson = z.unknown();

// --- resource records ----------------------------------------------------------------------

/**
 * Sensitive date fields (birthDate) are masked as `••••-••-••` for roles that may not see them
 * (shared/permissions.ts SENSITIVE_FIELDS): they are declared as text, not as dates.
 */
const MASKED_FIELDS = new Set(['birthDate', 'iban']);

function fieldAnswer(name: string, f: FieldSpec): z.ZodType {
  const base: z.ZodType = (() => {
    switch (f.kind) {
      case 'id':
        return z.union([z.number().int(), z.string()]);
      case 'int':
        return z.number().int();
      case 'number':
        return z.number();
      case 'bool':
        return z.boolean();
      case 'instant':
        return instant;
      case 'date':
        return MASKED_FIELDS.has(name) ? z.string().describe('YYYY-MM-DD, masked for roles that do not see it') : day;
      case 'enum':
        return z.enum(f.values as [string, ...string[]]);
      case 'json':
        return anyJson;
      default:
        return z.string();
    }
  })();
  const described = f.description ? base.describe(f.description) : base;
  return f.nullable ? described.nullable() : described;
}

const records = new Map<ResourceSpec, z.ZodObject>();

/** One record of a resource as the API answers it: exactly the spec's fields (server/http/resource.ts mapRow). */
export function recordOf(spec: ResourceSpec): z.ZodObject {
  let schema = records.get(spec);
  if (!schema) {
    const shape = Object.fromEntries(Object.entries(spec.fields).map(([name, f]) => [name, fieldAnswer(name, f)]));
    schema = z.strictObject(shape).meta({ id: schemaName(spec.name) });
    records.set(spec, schema);
  }
  return schema;
}

/** A list page of a resource (the ra-data-simple-rest dialect; the total is in Content-Range). */
export function listOf(spec: ResourceSpec): z.ZodType {
  return z.array(recordOf(spec));
}

/** `app-tokens` → `AppToken`-like component names: `AppTokens`. */
export function schemaName(resource: string): string {
  return resource.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());
}

/** The query of a list in the ra-data-simple-rest dialect whose rows are not a resource's records (the queue). */
export const listParamsQuery = z.strictObject({
  sort: z.string().optional().describe('["field","ASC"|"DESC"]'),
  range: z.string().optional().describe('[start,end], at most 1000 rows'),
  filter: z.string().optional().describe('JSON object'),
});

// --- the error shape -------------------------------------------------------------------

/** The contract's error body (server/http/errors.ts). */
export const errorAnswer = z
  .strictObject({
    error: z.strictObject({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });
