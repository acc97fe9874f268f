/** What the sign-in routes and the admin's staff-account and app-token routes answer on success. */
import { z } from 'zod';
import { ROLES } from '../../shared/roles';
import { instant, recordOf, rowId } from '../http/answers';
import { appTokensSpec, usersSpec } from './specs';

/** The signed-in staff member (sign-in, `GET /auth/me`). */
export const identityAnswer = z.strictObject({ id: rowId, email: z.string(), fullName: z.string(), role: z.enum(ROLES) });

export const userAnswer = recordOf(usersSpec);
export const appTokenAnswer = recordOf(appTokensSpec);
/** A new app token: the record and its secret, shown this once. */
export const createdAppTokenAnswer = appTokenAnswer.extend({ token: z.string() });

/** Signing in: the staff member, or, for an account enrolled in two-step sign-in, the step still to do. */
export const loginAnswer = z.union([identityAnswer, z.strictObject({ secondFactor: z.literal('totp') })]);

/** The signed-in account's two-step sign-in. */
export const totpStateAnswer = z.strictObject({ enrolled: z.boolean(), required: z.boolean(), enrolledAt: instant.nullable() });
/** The new secret to scan: the only answer that ever carries it. */
export const totpEnrolmentAnswer = z.strictObject({ otpauthUrl: z.string(), qrCode: z.string() });
/** A confirmed enrolment and its recovery codes, shown this once. */
export const totpConfirmedAnswer = z.strictObject({ totpEnrolledAt: instant, recoveryCodes: z.array(z.string()) });
export const totpDisabledAnswer = z.strictObject({ totpEnrolled: z.literal(false) });
