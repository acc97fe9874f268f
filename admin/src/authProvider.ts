/**
 * Session auth against the server (CONTRACT.md "Auth"): the real credential is the
 * HttpOnly cookie the server sets; the console only keeps who is signed in, to greet
 * them and to decide what to show (the server enforces everything anyway).
 */
import { HttpError, type AuthProvider, type UserIdentity } from 'react-admin';
import type { Role } from '../../shared/permissions';
import { canAccessAs, asRole } from './access';
import { API_URL } from './apiUrl';
import { httpClient } from './httpClient';

export interface StaffUser {
  id: string | number;
  email: string;
  fullName: string;
  role: Role;
  /** Two-step sign-in (TOTP): on for this account; required for its role (the server's TOTP_REQUIRED_ROLES). */
  totpEnrolled?: boolean;
  totpRequired?: boolean;
}

/** The password step (react-admin's login form), or the code step of an enrolled account. */
export type LoginParams = { username: string; password: string } | { code: string };

/** Where the password step of an account with two-step sign-in goes for its code: the login page's second step. */
export const SIGN_IN_CODE_PATH = '/login?step=code';
/** The enrolment page (and the only page of a role that must enrol and has not). */
export const TWO_STEP_PATH = '/two-step';

/** A role that must sign in in two steps and has not enrolled: the server refuses it everything but the enrolment. */
export function mustEnrol(user: object | null | undefined): boolean {
  const flags = user as { totpEnrolled?: unknown; totpRequired?: unknown } | null | undefined;
  return flags?.totpRequired === true && flags.totpEnrolled !== true;
}

/** What the console adds to react-admin's auth provider: re-reading who is signed in after an enrolment change. */
export interface ConsoleAuthProvider extends AuthProvider {
  refreshIdentity(): Promise<StaffUser>;
}

function toStaffUser(json: unknown): StaffUser {
  const u = json as Partial<StaffUser> | null;
  const role = asRole(u?.role);
  if (!u || u.id == null || !role) throw new Error('auth.invalid_identity');
  return { id: u.id, email: String(u.email ?? ''), fullName: String(u.fullName ?? u.email ?? ''), role };
}

/**
 * A hint, not a credential: who signed in last on this browser (name and role only;
 * the session itself is the HttpOnly cookie). Without it we know nobody signed in here,
 * so the login page opens without asking /api/auth/me for a certain 401.
 */
export const IDENTITY_HINT_KEY = 'console.identity';

export function rememberIdentity(user: StaffUser | null): void {
  try {
    if (user) localStorage.setItem(IDENTITY_HINT_KEY, JSON.stringify(user));
    else localStorage.removeItem(IDENTITY_HINT_KEY);
  } catch {
    // Storage disabled (private mode, quota): the hint is only an optimisation.
  }
}

function mightBeSignedIn(): boolean {
  try {
    return localStorage.getItem(IDENTITY_HINT_KEY) !== null;
  } catch {
    return true;
  }
}

/**
 * Lets the current task end before answering, as a network answer would: react-admin's
 * "not signed in → logout → /login" redirect loops when checkAuth rejects synchronously.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function statusOf(error: unknown): number | undefined {
  return error instanceof HttpError ? error.status : (error as { status?: number } | null)?.status;
}

export function createAuthProvider(apiUrl: string = API_URL): ConsoleAuthProvider {
  /**
   * Who is signed in, as the server last told us: `undefined` until we have asked,
   * `null` once we know nobody is. Knowing "signed out" matters: react-admin asks
   * getPermissions again right after it logs out, and an answer that needs the network
   * there makes it re-run its checkAuth → logout → /login redirect in a loop.
   */
  let current: StaffUser | null | undefined;
  // One /auth/me request at a time: react-admin asks canAccess for every menu entry at once.
  let pending: Promise<StaffUser> | null = null;

  function signedOut(): void {
    current = null;
    rememberIdentity(null);
  }

  /**
   * The two-step sign-in state (GET /auth/totp), asked once per sign-in and again after an
   * enrolment change (`fresh`): it changes only through the user's own enrolment or an admin's
   * reset, and the server enforces it whatever the console believes. Unknown (the request
   * failed): treated as nothing required, the server refusing what it must.
   */
  async function withTwoStep(user: StaffUser, previous: StaffUser | null | undefined, fresh: boolean): Promise<StaffUser> {
    if (!fresh && previous?.id === user.id && previous.totpRequired !== undefined) {
      return { ...user, totpEnrolled: previous.totpEnrolled, totpRequired: previous.totpRequired };
    }
    try {
      const { json } = await httpClient(`${apiUrl}/auth/totp`);
      const state = json as { enrolled?: unknown; required?: unknown } | null;
      return { ...user, totpEnrolled: state?.enrolled === true, totpRequired: state?.required === true };
    } catch {
      return user;
    }
  }

  function fetchMe(fresh = false): Promise<StaffUser> {
    pending ??= httpClient(`${apiUrl}/auth/me`)
      .then(async ({ json }) => {
        current = await withTwoStep(toStaffUser(json), current, fresh);
        rememberIdentity(current);
        return current;
      })
      .catch((error: unknown) => {
        if (statusOf(error) === 401) signedOut();
        throw error;
      })
      .finally(() => {
        pending = null;
      });
    return pending;
  }

  async function currentUser(): Promise<StaffUser | null> {
    if (current !== undefined) return current;
    if (!mightBeSignedIn()) {
      current = null;
      return null;
    }
    try {
      return await fetchMe();
    } catch {
      return null;
    }
  }

  return {
    async login(params: LoginParams) {
      // Bad credentials or code (401) and throttling (429) reject with the server's message,
      // which the form shows as is.
      if ('code' in params) {
        const { json } = await httpClient(`${apiUrl}/auth/totp`, { method: 'POST', body: JSON.stringify({ code: params.code }) });
        current = { ...toStaffUser(json), totpEnrolled: true };
        rememberIdentity(current);
        return;
      }
      const { json } = await httpClient(`${apiUrl}/auth/login`, {
        method: 'POST',
        body: JSON.stringify({ email: params.username, password: params.password }),
      });
      // An account with two-step sign-in is not signed in yet: its code comes next.
      if ((json as { secondFactor?: unknown } | null)?.secondFactor === 'totp') return { redirectTo: SIGN_IN_CODE_PATH };
      // Whether the role must still enrol: asked now, so that the first page knows.
      current = await withTwoStep(toStaffUser(json), null, true);
      rememberIdentity(current);
    },

    refreshIdentity: () => fetchMe(true),

    async logout() {
      const wasSignedIn = current != null;
      signedOut();
      if (!wasSignedIn) return;
      try {
        await httpClient(`${apiUrl}/auth/logout`, { method: 'POST' });
      } catch {
        // The session may already be gone (expired, server restarted): signed out all the same.
      }
    },

    async checkAuth() {
      // Asks the server whenever someone may be signed in: the session may have expired.
      const hadSession = current != null;
      if (!hadSession && !mightBeSignedIn()) {
        current = null;
        await nextTask();
        throw { message: false };
      }
      try {
        await fetchMe();
      } catch {
        // First visit: go to the login page quietly; an expired session says so.
        throw { message: hadSession ? 'ra.auth.auth_check_error' : false };
      }
    },

    async checkError(error: unknown) {
      // Only "not signed in" ends the session. A 403 is a refusal of one action by a
      // signed-in user: the screen reports it, the user stays signed in.
      if (statusOf(error) === 401) {
        signedOut();
        throw error;
      }
    },

    async getIdentity(): Promise<UserIdentity> {
      const user = await currentUser();
      if (!user) throw new Error('ra.auth.auth_check_error');
      return { id: user.id, fullName: user.fullName, email: user.email, role: user.role, totpEnrolled: user.totpEnrolled, totpRequired: user.totpRequired };
    },

    async getPermissions(): Promise<Role | null> {
      return (await currentUser())?.role ?? null;
    },

    async canAccess({ resource, action }: { resource: string; action: string }) {
      const user = await currentUser();
      // The server refuses everything but the enrolment to a role that must enrol and has not.
      if (mustEnrol(user)) return false;
      return canAccessAs(user?.role, resource, action);
    },
  };
}

export const authProvider = createAuthProvider();
