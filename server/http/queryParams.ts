import type { Request } from 'express';

/** A request's query string as Express parses it: strings, lists of strings, nested objects. */
export type QueryParams = Request['query'];
