/** What the health, personal-data export and OpenAPI routes answer on success. */
import { z } from 'zod';
import { anyJson, instant, rowId } from '../http/answers';

export const liveAnswer = z.strictObject({ status: z.literal('ok') });
/** Readiness when every check passes (a failing check is a 503, outside the success answers). */
export const readyAnswer = z.strictObject({
  status: z.literal('ok'),
  checks: z.record(z.string(), z.string()),
});

const row = z.record(z.string(), anyJson);
/** A personal-data export (GDPR art. 15 / 20): the record, every related row, files and the readable audit trail. */
export const personalDataAnswer = z.strictObject({
  subject: z.strictObject({ resource: z.enum(['partners', 'clients']), id: rowId, reference: anyJson }),
  exportedAt: instant,
  exportedBy: z.strictObject({ id: rowId, email: z.string() }).nullable(),
  record: row,
  related: z.record(z.string(), z.array(row)),
  files: z.array(row),
  auditTrail: z.array(row),
});

/** This API's own description (OpenAPI 3.1). */
export const openApiAnswer = z.looseObject({
  openapi: z.string().regex(/^3\.1\.\d+$/),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), anyJson)),
});
