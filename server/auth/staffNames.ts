/**
 * `GET /api/staff-names?ids=3,7`: the full names of colleagues, for every signed-in staff
 * member, so that a case's "suivi par" or a limitation's "créée par" reads as a person, never
 * as an id. Names only — e-mail, role and lock stay with the admin's staff accounts (`users`);
 * the audit trail already names its actors to every role.
 */
import type { QueryParams } from '../http/queryParams';
import { z } from 'zod';
import type { Knex } from 'knex';
import type { ApiRouter } from '../http/apiRouter';
import { AppError } from '../http/errors';
import { rowId } from '../http/answers';
import { MAX_ROW_ID } from '../data/parseRowId';

const MAX_IDS = 100;

export const staffNamesQuery = z.strictObject({
  ids: z.string().regex(/^\d{1,10}(,\d{1,10})*$/, 'ids : nombres entiers séparés par des virgules / ids: whole numbers separated by commas'),
});

export const staffNamesAnswer = z.array(z.strictObject({ id: rowId, fullName: z.string() }));

export async function listStaffNames(db: Knex, query: QueryParams): Promise<{ id: number; fullName: string }[]> {
  const parsed = staffNamesQuery.safeParse(query);
  if (!parsed.success) throw AppError.badRequest('Paramètre ids invalide : des identifiants séparés par des virgules. / Invalid ids parameter.', { param: 'ids' });
  // An id no `increments` column holds (PostgreSQL's integer would refuse it outright) names nobody.
  const ids = [...new Set(parsed.data.ids.split(',').map(Number))].filter((id) => id <= MAX_ROW_ID);
  if (ids.length > MAX_IDS) throw AppError.badRequest(`${MAX_IDS} identifiants au plus. / At most ${MAX_IDS} ids.`, { param: 'ids' });
  if (ids.length === 0) return [];
  const rows = (await db('users').select('id', 'fullName').whereIn('id', ids).orderBy('id')) as { id: number | string; fullName: string }[];
  return rows.map((r) => ({ id: Number(r.id), fullName: r.fullName }));
}

export function registerStaffNameRoutes(api: ApiRouter, db: Knex): void {
  api.add(
    {
      method: 'get',
      path: '/staff-names',
      access: { kind: 'session' },
      summary: 'Full names of staff members by id (?ids=3,7, 100 at most): for every signed-in staff member',
      tag: 'users',
      query: staffNamesQuery,
      status: 200,
      answer: staffNamesAnswer,
    },
    async (req, res) => {
      res.json(await listStaffNames(db, req.query));
    },
  );
}
