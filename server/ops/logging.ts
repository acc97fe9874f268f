/**
 * Structured logs: pino, JSON, one line per HTTP request (pino-http) with the
 * request id, the caller (user id and role, or the app token id), the status and the
 * duration; an unknown error rides on its request's line with its stack (server-side
 * only — the client gets the contract's 500 without internals).
 *
 * Personal data stays out: a request line carries the method, the path and a scrubbed
 * query string — never headers (cookies, Authorization), never bodies (passwords, IBANs,
 * uploaded documents); a response line carries the status only (no Set-Cookie). Error
 * messages and stacks pass through `scrubText`, which masks e-mail addresses, IBANs and
 * phone numbers (a database error can quote the row it choked on). `redact` is a second
 * net for anything logged by hand with such fields.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { RequestHandler } from 'express';
import type { JsonObject } from '../../shared/json';

export type { Logger };

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/gi;
// Country code, check digits, then 11–30 alphanumerics, optionally grouped by spaces (FR76 3000 6000 …).
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b/gi;
// Ten or more digits, optionally grouped by spaces, dots or dashes, with an optional +/00 prefix: French
// phone numbers (06 12 34 56 78, +33 6 12 34 56 78). ISO dates (8 digits) and SIRENs (9, a public
// business identifier, in /api/registry/siren/:siren paths) survive.
const PHONE = /(?:\+|\b00)?\d(?:[ .-]?\d){9,16}\b/g;

/** Masks e-mail addresses, IBANs and phone numbers in free text (error messages, query strings). */
export function scrubText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(IBAN, '[iban]').replace(PHONE, '[number]');
}

/** Fields masked wherever they appear one level down in a logged object (a net under the serializers). */
const REDACT_PATHS = [
  'password',
  'email',
  'iban',
  'phone',
  'body',
  '*.password',
  '*.newPassword',
  '*.email',
  '*.iban',
  '*.phone',
  '*.body',
  '*.cookie',
  '*.authorization',
  'req.headers',
  'res.headers',
];

export interface LoggerOptions {
  /** pino level; `silent` turns logging off (tests). Default: LOG_LEVEL or `info`. */
  level?: string;
  /** Where lines go (default stdout). Tests pass a capturing stream. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError, error: serializeError },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    },
    options.destination,
  );
}

/**
 * The app's logger when none is given: stdout at LOG_LEVEL; under NODE_ENV=test silent, unless
 * TEST_LOG_FILE names a file — then every request of the test run is logged there at debug
 * level (appended, one JSON line per write), for `npm run test:logs -- <file>` to grep.
 */
export function defaultLogger(nodeEnv: string): Logger {
  if (nodeEnv !== 'test') return createLogger();
  const file = process.env.TEST_LOG_FILE;
  if (!file) return createLogger({ level: 'silent' });
  return createLogger({ level: 'debug', destination: pino.destination({ dest: file, append: true, sync: true, mkdir: true }) });
}

/** An error as a log field: its type, code, message and stack, scrubbed; no other property (a driver error can carry the row). */
export function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return typeof err === 'string' ? scrubText(err) : { value: scrubText(String(err)) };
  const code = (err as { code?: unknown }).code;
  return {
    type: err.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    message: scrubText(err.message),
    stack: err.stack ? scrubText(err.stack) : undefined,
  };
}

/** The request id: a sane incoming `X-Request-Id` (a proxy's) is kept, anything else is replaced by a UUID. */
const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
}

interface ActorLike {
  kind: 'staff' | 'app';
  id?: number;
  role?: string;
  tokenId?: number;
}

/**
 * The path and the query string with personal data masked: a search box can hold an e-mail
 * or a phone number, and a path segment is whatever the caller typed (`/api/orders/0612345678`).
 */
function safeUrl(url: string | undefined): string {
  if (!url) return '';
  const q = url.indexOf('?');
  if (q < 0) return scrubText(url);
  let query = url.slice(q + 1);
  try {
    query = decodeURIComponent(query.replace(/\+/g, ' '));
  } catch {
    // malformed escapes: scrub the raw text
  }
  return `${scrubText(url.slice(0, q))}?${scrubText(query)}`;
}

/** One JSON line per request; sets `X-Request-Id` on the response. */
export function requestLogger(logger: Logger): RequestHandler {
  const middleware = pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdFor(req);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    quietReqLogger: true,
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown; originalUrl?: string }) => ({ method: req.method, url: safeUrl(req.originalUrl ?? req.url) }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
      err: serializeError,
    },
    customProps: (req: IncomingMessage & { actor?: ActorLike; session?: { userId?: number } }) => {
      const actor = req.actor;
      if (actor?.kind === 'staff') return { userId: actor.id, role: actor.role };
      if (actor?.kind === 'app') return { appTokenId: actor.tokenId };
      // Public routes resolve no actor; a sign-in still says who signed in.
      if (req.session?.userId) return { userId: req.session.userId };
      return {};
    },
    customLogLevel: (req, res, err) => {
      if (err || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      // A load balancer's probes every few seconds would drown the log: debug level when healthy.
      return (req as IncomingMessage & { originalUrl?: string }).originalUrl?.startsWith('/api/health') ? 'debug' : 'info';
    },
    customSuccessMessage: (req, res) => `${req.method} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${res.statusCode} failed`,
  });
  return middleware as unknown as RequestHandler;
}

/**
 * A capture stream for tests: every line written, parsed. `text()` is the raw output
 * (what a grep for personal data reads).
 */
export function captureStream(): DestinationStream & { lines: JsonObject[]; text(): string } {
  const raw: string[] = [];
  return {
    lines: [] as JsonObject[],
    write(chunk: string) {
      raw.push(chunk);
      for (const line of chunk.split('\n')) if (line.trim()) this.lines.push(JSON.parse(line));
    },
    text: () => raw.join(''),
  };
}
