/**
 * Under the test suites (NODE_ENV=test), every success answer is checked against its route's
 * declaration — status and body (server/http/answers.ts): a route that drifts from its
 * declaration, and so from the OpenAPI document, answers 500 `answer_contract` instead, and
 * the test that called it fails with the reason in the body. Never installed in production.
 */
import type { RequestHandler, Response } from 'express';
import type { RouteMeta } from './apiRouter';
import { isJsonAnswer } from './answers';

function declaredStatuses(meta: RouteMeta): readonly number[] {
  return [meta.status].flat();
}

/** Why `status` and `body` break the declaration of `meta`, or null when they keep it. */
export function answerProblem(meta: RouteMeta, status: number, body: unknown): string | null {
  const statuses = declaredStatuses(meta);
  if (!statuses.includes(status)) return `${routeName(meta)} answered ${status}, declared ${statuses.join(' or ')}`;
  if (!isJsonAnswer(meta.answer)) return `${routeName(meta)} answered JSON, declared ${'file' in meta.answer ? meta.answer.file.join(', ') : 'no content'}`;
  const parsed = meta.answer.safeParse(body);
  if (parsed.success) return null;
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`);
  return `${routeName(meta)} answered a body its declaration refuses — ${issues.join('; ')}`;
}

function routeName(meta: RouteMeta): string {
  return `${meta.method.toUpperCase()} /api${meta.path}`;
}

/** Statuses that carry no answer of the route's own (a conditional GET's 304). */
const NEUTRAL = new Set([304]);

function headProblem(meta: RouteMeta, res: Response, status: number): string | null {
  if (status >= 400 || NEUTRAL.has(status)) return null;
  const statuses = declaredStatuses(meta);
  if (!statuses.includes(status)) return `${routeName(meta)} answered ${status}, declared ${statuses.join(' or ')}`;
  if (isJsonAnswer(meta.answer)) return `${routeName(meta)} answered ${status} without a JSON body, declared one`;
  if (!('file' in meta.answer)) return null;
  const type = String(res.getHeader('content-type') ?? '').split(';')[0].trim();
  if (!meta.answer.file.includes(type)) return `${routeName(meta)} sent ${type || 'no content type'}, declared ${meta.answer.file.join(', ')}`;
  return null;
}

export function answerCheck(meta: RouteMeta): RequestHandler {
  return (_req, res, next) => {
    const json = res.json.bind(res);
    let checkedJson = false;
    res.json = (body: unknown) => {
      if (res.statusCode >= 400 || NEUTRAL.has(res.statusCode)) return json(body);
      checkedJson = true;
      const problem = answerProblem(meta, res.statusCode, body);
      if (!problem) return json(body);
      console.error(`[answer check] ${problem}`);
      return res.status(500).type('application/json').send(JSON.stringify({ error: { code: 'answer_contract', message: problem } }));
    };
    // Files and empty answers are checked on their head: status and content type.
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    res.writeHead = ((status: number, ...rest: unknown[]) => {
      const problem = checkedJson ? null : headProblem(meta, res, status);
      if (!problem) return writeHead(status, ...rest);
      console.error(`[answer check] ${problem}`);
      res.setHeader('X-Answer-Contract', problem.replace(/[^\x20-\x7e]/g, '?'));
      return writeHead(500, ...rest);
    }) as Response['writeHead'];
    next();
  };
}
