/**
 * JSON whose shape is not known ahead: an error's `details`, a fragment of the OpenAPI
 * document, an audit entry's before/after, a request body before its schema reads it.
 * Values that have a shape have their own type (a table's row, a schema's inferred type);
 * these are for the rest, so "any JSON" is written one way across server/, admin/ and shared/.
 */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | JsonObject;

/**
 * A JSON object of any keys. `undefined` is allowed as a value because JSON.stringify leaves
 * such a key out, as it does an optional property that is not set.
 */
export type JsonObject = { [key: string]: JsonValue | undefined };
