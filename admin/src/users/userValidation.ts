import type { Validator } from 'react-admin';

export const PASSWORD_MIN_LENGTH = 10;

/** Staff passwords: at least 10 characters; empty means "unchanged" on edit (required() guards create). */
export const validatePasswordLength: Validator = (value: unknown) =>
  value == null || value === '' || (typeof value === 'string' && value.length >= PASSWORD_MIN_LENGTH)
    ? undefined
    : 'app.validation.passwordLength';

/** On edit, an empty "new password" is not sent at all: the server keeps the current one. */
export function withoutEmptyPassword<T extends { password?: unknown }>(data: T): T {
  if (data.password == null || data.password === '') {
    const { password: _unused, ...rest } = data;
    return rest as T;
  }
  return data;
}
