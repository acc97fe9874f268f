/**
 * The live engine's own error type: the engine imports nothing from server/http, so it
 * says what went wrong in the contract's vocabulary (code + HTTP status + a French
 * sentence, then English after " / ") and the Engine API routes turn it into an AppError.
 */
import type { JsonObject } from '../../../shared/json';

export type EngineErrorCode = 'not_found' | 'invalid_state' | 'conflict' | 'validation_failed' | 'forbidden';

const STATUS: Record<EngineErrorCode, number> = {
  not_found: 404,
  invalid_state: 409,
  conflict: 409,
  validation_failed: 422,
  forbidden: 403,
};

export class EngineError extends Error {
  readonly status: number;

  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly details?: JsonObject,
  ) {
    super(message);
    this.name = 'EngineError';
    this.status = STATUS[code];
  }

  /** 404: `what` in French (« Commande », « Proposition »…). */
  static notFound(what: string, id: number | string, resource: string): EngineError {
    return new EngineError('not_found', `${what} ${id} introuvable. / ${resource} ${id} not found.`, { resource, id });
  }

  /** 409: the current state does not allow the action. */
  static invalidState(message: string, details?: JsonObject): EngineError {
    return new EngineError('invalid_state', message, details);
  }

  /** 409: someone acted first (a concurrent answer, a slot taken meanwhile). */
  static conflict(message: string, details?: JsonObject): EngineError {
    return new EngineError('conflict', message, details);
  }

  /** 422: well formed but invalid (a start less than 2 h ahead, DSP-2). */
  static validation(message: string, details?: JsonObject): EngineError {
    return new EngineError('validation_failed', message, details);
  }

  static forbidden(message: string, details?: JsonObject): EngineError {
    return new EngineError('forbidden', message, details);
  }
}
