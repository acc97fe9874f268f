/** The data provider's staff account methods (admin): the commands on an account that are not REST verbs. */
import type { Identifier } from 'react-admin';
import { postJson, segment } from '../httpClient';

export interface UserMethods {
  /** `POST /api/users/{id}/unlock`: lifts a locked account's sign-in lock and its failure counters. */
  unlockUser(id: Identifier): Promise<unknown>;
  /** `POST /api/users/{id}/reset-totp`: someone who lost their phone and recovery codes signs in with the password again (or enrols again, if their role must). */
  resetUserTotp(id: Identifier): Promise<unknown>;
}

export function userMethods(apiUrl: string): UserMethods {
  return {
    unlockUser: (id) => postJson(`${apiUrl}/users/${segment(id)}/unlock`),
    resetUserTotp: (id) => postJson(`${apiUrl}/users/${segment(id)}/reset-totp`),
  };
}
