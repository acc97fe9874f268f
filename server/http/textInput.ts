/**
 * Text every client sends is checked once, at the edge, before any route sees it:
 * - no NUL character (U+0000): PostgreSQL's text type cannot hold it (a database error)
 *   while SQLite stores it, so the same request would behave differently on the two;
 * - no lone UTF-16 surrogate (e.g. "\ud800" in JSON): not a character at all, silently
 *   turned into U+FFFD on the way to either database;
 * - no `__proto__`, `constructor` or `prototype` key: never a field of any resource, and
 *   the keys that turn a plain-object lookup into a prototype lookup;
 * - no nesting deeper than MAX_INPUT_DEPTH (no body of the API nests beyond a few levels,
 *   and recursive code further on — zod, JSON.stringify — would overflow the stack).
 * Each is a 400 `invalid_request` naming the field as a path (`name`, `filter.q`,
 * `weeklyHours.0.from`). `rejectUnsafeInput` guards JSON bodies and query strings;
 * multipart fields and a parsed `.eml` call `assertSafeInput` themselves.
 */
import type { QueryParams } from './queryParams';
import type { RequestHandler } from 'express';
import { AppError } from './errors';
import type { JsonObject, JsonValue } from '../../shared/json';

export const MAX_INPUT_DEPTH = 32;

/** Keys refused anywhere in client input (a prototype lookup, never a field). */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type UnsafeReason = 'nul_character' | 'lone_surrogate' | 'reserved_key' | 'too_deep';

export interface UnsafeInput {
  /** Where: a dot path from the root (`filter.q`), its unsafe characters escaped. */
  field: string;
  reason: UnsafeReason;
}

/** Where the input came from, for the error's details. */
export type InputLocation = 'body' | 'query' | 'multipart' | 'message';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
export const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string cannot be stored as text, or null when it can. */
export function unsafeTextReason(s: string): 'nul_character' | 'lone_surrogate' | null {
  if (s.includes('\u0000')) return 'nul_character';
  if (LONE_SURROGATE.test(s)) return 'lone_surrogate';
  return null;
}

/** The path as printable text: NUL and lone surrogates written as `\uXXXX`. */
function printable(s: string): string {
  if (unsafeTextReason(s) === null) return s;
  return s.replace(new RegExp(`\\u0000|${LONE_SURROGATE.source}`, 'g'), (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Objects walked into: JSON objects, arrays and null-prototype maps (multer's), not Buffers or Dates. */
function isContainer(value: unknown): value is JsonObject | JsonValue[] {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The first unsafe spot in `value` (strings, keys, nesting) in reading order, or null.
 * Iterative, so that a hostile nesting cannot overflow the stack here.
 */
export function findUnsafeInput(value: unknown, root = ''): UnsafeInput | null {
  type Entry = { value: unknown; path: string; depth: number; key: string | null };
  const stack: Entry[] = [{ value, path: root, depth: 0, key: null }];
  while (stack.length > 0) {
    const { value: v, path, depth, key } = stack.pop()!;
    if (key !== null) {
      const reason = RESERVED_KEYS.has(key) ? 'reserved_key' : unsafeTextReason(key);
      if (reason) return { field: printable(path), reason };
    }
    if (typeof v === 'string') {
      const reason = unsafeTextReason(v);
      if (reason) return { field: printable(path), reason };
      continue;
    }
    if (!isContainer(v)) continue;
    if (depth >= MAX_INPUT_DEPTH) return { field: printable(path), reason: 'too_deep' };
    const keys = Object.keys(v);
    const isArray = Array.isArray(v);
    // Pushed in reverse, popped in reading order.
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      stack.push({ value: (v as JsonObject)[k], path: join(path, k), depth: depth + 1, key: isArray ? null : k });
    }
  }
  return null;
}

/** What is wrong, as shown beside the field by a form (`details.fields`). */
const PROBLEMS: Record<UnsafeReason, string> = {
  nul_character: 'contient un caractère nul (U+0000)',
  lone_surrogate: 'contient un caractère Unicode invalide (demi-paire de substitution isolée)',
  reserved_key: 'champ inconnu',
  too_deep: `données imbriquées sur plus de ${MAX_INPUT_DEPTH} niveaux`,
};

const MESSAGES: Record<UnsafeReason, (field: string) => string> = {
  nul_character: (f) => `Le champ « ${f} » ${PROBLEMS.nul_character} : retirez-le et réessayez.`,
  lone_surrogate: (f) => `Le champ « ${f} » ${PROBLEMS.lone_surrogate} : retirez-le et réessayez.`,
  reserved_key: (f) => `Champ inconnu : « ${f} ».`,
  too_deep: (f) => `Données trop imbriquées (plus de ${MAX_INPUT_DEPTH} niveaux)${f ? ` à « ${f} »` : ''} : envoyez une structure plus simple.`,
};

export function unsafeInputError(found: UnsafeInput, location: InputLocation): AppError {
  return AppError.badRequest(MESSAGES[found.reason](found.field), {
    field: found.field,
    reason: found.reason,
    location,
    fields: Object.fromEntries([[found.field || '_', PROBLEMS[found.reason]]]),
  });
}

/** Throws the 400 for the first unsafe spot of `value`; the helper every parser of client text calls. */
export function assertSafeInput(value: unknown, location: InputLocation, root = ''): void {
  const found = findUnsafeInput(value, root);
  if (found) throw unsafeInputError(found, location);
}

/** A query value that JSON.parse may turn into other text (`filter`, `sort`, `range`). */
function parsedJson(raw: string): { ok: true; value: unknown } | { ok: false } {
  const head = raw.trimStart()[0];
  if (head !== '{' && head !== '[' && head !== '"') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    // Malformed JSON is the route's own 400 (it knows which parameters it takes).
    return { ok: false };
  }
}

/** The query string: its names, and its values as sent or, for JSON ones, as decoded (`filter.q`). */
function findUnsafeQuery(query: QueryParams): UnsafeInput | null {
  for (const [name, value] of Object.entries(query)) {
    const nameReason = RESERVED_KEYS.has(name) ? 'reserved_key' : unsafeTextReason(name);
    if (nameReason) return { field: printable(name), reason: nameReason };
    for (const v of Array.isArray(value) ? value : [value]) {
      const json = typeof v === 'string' ? parsedJson(v) : { ok: false as const };
      const found = findUnsafeInput(json.ok ? json.value : v, name);
      if (found) return found;
    }
  }
  return null;
}

/**
 * The edge guard of every /api request, after the JSON body parser: the query string
 * (names, values, decoded JSON values) and the JSON body. Multipart bodies are parsed
 * later by their route (server/uploads/receiveUpload.ts checks their fields).
 */
export const rejectUnsafeInput: RequestHandler = (req, _res, next) => {
  const inQuery = findUnsafeQuery(req.query);
  if (inQuery) return next(unsafeInputError(inQuery, 'query'));
  const inBody = findUnsafeInput(req.body);
  if (inBody) return next(unsafeInputError(inBody, 'body'));
  next();
};
