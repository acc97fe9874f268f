/** What the sign-in routes and the admin's staff-account and app-token routes answer on success. */
import { z } from 'zod';
import { ROLES } from '../../shared/roles';
import { recordOf, rowId } from '../http/answers';
import { appTokensSpec, usersSpec } from './specs';

/** The signed-in staff member (sign-in, `GET /auth/me`). */
export const identityAnswer = z.strictObject({ id: rowId, email: z.string(), fullName: z.string(), role: z.enum(ROLES) });

export const userAnswer = recordOf(usersSpec);
export const appTokenAnswer = recordOf(appTokensSpec);
/** A new app token: the record and its secret, shown this once. */
export const createdAppTokenAnswer = appTokenAnswer.extend({ token: z.string() });
