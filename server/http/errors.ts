/**
 * One error type and one error handler: every failure leaves the server as the
 * contract's shape `{"error": {"code", "message", "details"?}}` (../shared/CONTRACT.md
 * "HTTP"). Unknown errors are logged (with their request's line) and become a 500 without internals.
 */
import { requestLanguage, type Language } from '../auth/language';
import { inLanguage } from './messageLanguage';
import './zodLanguage';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { JsonObject } from '../../shared/json';
import { ZodError } from 'zod';

export type ErrorCode =
  | 'invalid_request'
  | 'not_authenticated'
  | 'forbidden'
  | 'not_found'
  | 'invalid_state'
  | 'conflict'
  | 'file_too_large'
  | 'unsupported_file_type'
  | 'validation_failed'
  | 'rate_limited'
  | 'internal_error'
  | (string & {});

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly details?: JsonObject,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static badRequest(message: string, details?: JsonObject) {
    return new AppError('invalid_request', message, 400, details);
  }
  static notAuthenticated(message = 'Veuillez vous connecter. / Please sign in.') {
    return new AppError('not_authenticated', message, 401);
  }
  static forbidden(message = "Votre rôle ne permet pas cette action. / Your role does not allow this action.") {
    return new AppError('forbidden', message, 403);
  }
  static notFound(what: string, id?: string | number) {
    return new AppError('not_found', `${what}${id !== undefined ? ` ${id}` : ''} introuvable. / Not found.`, 404);
  }
  /** 409: the current state does not allow the action (`code` may be more specific, e.g. checklist_incomplete). */
  static invalidState(message: string, details?: JsonObject, code: ErrorCode = 'invalid_state') {
    return new AppError(code, message, 409, details);
  }
  static conflict(message: string, details?: JsonObject) {
    return new AppError('conflict', message, 409, details);
  }
  static validation(message: string, details?: JsonObject) {
    return new AppError('validation_failed', message, 422, details);
  }
}

/**
 * Flattens zod issues into `{ path: message }` details a form can show beside each field,
 * and `field`, the first one's path (an unrecognised key is named by its own path). The
 * messages are « français / English » (./zodLanguage.ts): the error handler keeps one half.
 */
export function zodDetails(err: ZodError): JsonObject {
  // A Map, not `key in {}`: a client's `constructor` or `toString` field is named like any other.
  const fields = new Map<string, string>();
  const unknownFields: string[] = [];
  for (const issue of err.issues) {
    const paths = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => [...issue.path, k]) : [issue.path];
    for (const p of paths) {
      const key = p.length ? p.join('.') : '_';
      if (issue.code === 'unrecognized_keys') unknownFields.push(key);
      if (!fields.has(key)) fields.set(key, issue.message);
    }
  }
  const [field] = fields.keys();
  return { fields: Object.fromEntries(fields), ...(field !== undefined && field !== '_' ? { field } : {}), ...(unknownFields.length ? { unknownFields } : {}) };
}

/** `what`: the part of the request at fault, « français / English » (`'le code / the code'`). */
export function fromZod(err: ZodError, what = 'la requête / the request'): AppError {
  const first = err.issues[0];
  const where = first?.path.length ? ` (${first.path.join('.')})` : '';
  const issue = first?.message ?? 'format inattendu / unexpected format';
  const fr = `Données invalides dans ${inLanguage(what, 'fr')}${where} : ${sentence(inLanguage(issue, 'fr'))}`;
  const en = `Invalid data in ${inLanguage(what, 'en')}${where}: ${sentence(inLanguage(issue, 'en'))}`;
  return AppError.badRequest(`${fr} / ${en}`, zodDetails(err));
}

/** One final full stop, whether or not the schema's message brought its own. */
const sentence = (s: string) => (s.endsWith('.') ? s : `${s}.`);

/** The per-field messages of `details.fields`, in the request's language only. */
function detailsInLanguage(details: JsonObject, lang: Language): JsonObject {
  const fields = details.fields;
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return details;
  const one = Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? inLanguage(v, lang) : v]);
  return { ...details, fields: Object.fromEntries(one) };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `Aucune route ${req.method} ${req.path}. / No such endpoint.`, 404));
};

interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

export function errorHandler(log: (err: unknown, req: Parameters<ErrorRequestHandler>[1]) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let appError: AppError;
    if (err instanceof AppError) {
      appError = err;
    } else if (err instanceof ZodError) {
      appError = fromZod(err);
    } else if (err instanceof URIError) {
      // The router could not decode a path parameter (`%ED%A0%80`, a lone surrogate's bytes, or a
      // stray `%`): the client's URL is malformed, not the server.
      appError = AppError.badRequest('Adresse mal encodée (caractère invalide dans le chemin). / Malformed URL encoding in the path.');
    } else if ((err as HttpishError)?.type === 'entity.parse.failed') {
      appError = AppError.badRequest('Le corps de la requête n’est pas du JSON valide. / Malformed JSON body.');
    } else if ((err as HttpishError)?.type === 'entity.too.large') {
      appError = new AppError('file_too_large', 'Le corps de la requête est trop volumineux. / Request body too large.', 413);
    } else if ((err as HttpishError)?.type === 'encoding.unsupported' || (err as HttpishError)?.type === 'charset.unsupported') {
      appError = new AppError('unsupported_file_type', 'Encodage non pris en charge. / Unsupported encoding.', 415);
    } else if ((err as { code?: unknown })?.code === '57014') {
      // PostgreSQL cancelled the statement (DATABASE_STATEMENT_TIMEOUT_MS, server/db.ts): the
      // database is overloaded or the query too broad — a retry may pass; logged for operators.
      (res as { err?: unknown }).err = err;
      log(err, req);
      appError = new AppError('database_timeout', 'La base de données n’a pas répondu à temps. Réessayez dans un instant ou affinez votre recherche.', 503);
    } else if ((err as HttpishError)?.expose && ((err as HttpishError).status ?? 500) < 500) {
      appError = AppError.badRequest((err as Error).message);
    } else {
      // The request's log line carries the error and its stack (pino-http reads res.err,
      // server/ops/logging.ts); the client gets no internals.
      (res as { err?: unknown }).err = err;
      log(err, req);
      appError = new AppError('internal_error', 'Erreur interne du serveur. / Internal server error.', 500);
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    const lang = requestLanguage(req);
    res.status(appError.status).json({
      error: {
        code: appError.code,
        message: inLanguage(appError.message, lang),
        ...(appError.details ? { details: detailsInLanguage(appError.details, lang) } : {}),
      },
    });
  };
}
