/**
 * `GET /api/{resource}.csv` (CONTRACT.md "HTTP"): every row the list would return for the same
 * `sort` and `filter` — no page cap, so no `range` — for the roles that may list the resource
 * (a role that cannot list it gets the list's 403), masked as the list masks them, as a French
 * Excel file (server/export/frenchExcelCsv.ts) named `{resource}-{YYYY-MM-DD}.csv` (the Paris
 * day), headers and words in the request's language (French by default), people and orders by
 * name (csvNames.ts).
 */
import type { Request } from 'express';
import type { Knex } from 'knex';
import type { Resource } from '../../shared/permissions';
import { requestLanguage } from '../auth/language';
import type { ApiRouter } from '../http/apiRouter';
import { fileAnswer, listParamsQuery } from '../http/answers';
import { AppError } from '../http/errors';
import type { KeysetRequest } from '../http/keysetPage';
import { parseListParams, type ListParams, type ListResult } from '../http/listQuery';
import type { ResourceSpec } from '../http/resource';
import { csvColumnsOf } from './csvColumns';
import { csvLabels } from './csvLabels';
import { parisDate } from '../../shared/calendar/paris';
import { streamCsv } from './streamCsv';
import { withNames } from './csvNames';

export interface CsvRouteOptions {
  /** Where the names of the people and orders the rows refer to are read (csvNames.ts). */
  db: Knex;
  tag: string;
  label: string;
  /** One keyset batch of the list as the caller receives it (scoped and masked). */
  read(req: Request, params: ListParams, batch: KeysetRequest): Promise<ListResult>;
}

export function csvFileName(resource: Resource, now: Date): string {
  return `${resource}-${parisDate(now)}.csv`;
}

const csvAnswer = fileAnswer('text/csv');
/** The list's parameters without its page (`range` is refused with a sentence saying why). */
const csvQuery = listParamsQuery.omit({ range: true });

const NO_RANGE = {
  fr: 'L’export CSV contient toutes les lignes du filtre : retirez le paramètre range.',
  en: 'The CSV export holds every row of the filter: leave out the range parameter.',
} as const;

export function registerCsvRoute(api: ApiRouter, spec: ResourceSpec, options: CsvRouteOptions): void {
  api.add(
    {
      method: 'get',
      path: `/${spec.name}.csv`,
      access: { kind: 'permission', resource: spec.name, action: 'list' },
      summary: `Export ${options.label} as CSV: every row of the list's sort and filter, masked as the list`,
      tag: options.tag,
      csv: spec.name,
      status: 200,
      answer: csvAnswer,
      query: csvQuery,
      response:
        'text/csv; French Excel format: UTF-8 BOM, `;` separator, CRLF lines, decimal commas, dates dd/mm/yyyy HH:mm (Paris), cells starting with = + - @ tab or CR prefixed with \' (formula injection); headers and labels in the Accept-Language (French by default). Streamed: no page cap.',
    },
    async (req, res) => {
      const language = requestLanguage(req);
      const query = req.query;
      if (Object.hasOwn(query, 'range')) throw AppError.badRequest(NO_RANGE[language], { param: 'range' });
      const params = parseListParams(spec, query);
      const columns = csvColumnsOf(spec);
      const role = req.actor?.kind === 'staff' ? req.actor.role : null;
      await streamCsv(res, {
        resource: spec.name,
        fileName: csvFileName(spec.name, new Date()),
        columns,
        labels: csvLabels(language),
        batch: async (after, size) => {
          const page = await options.read(req, params, { after, size });
          return { ...page, rows: (await withNames(options.db, role, columns, page.rows)) as ListResult['rows'] };
        },
      });
    },
  );
}
