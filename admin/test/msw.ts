/**
 * One msw server for the SPA tests, and handlers that speak the contract: ra-simple-rest
 * lists with `Content-Range`, the auth endpoints, and the `{"error": {…}}` error body.
 */
import { delay, http, HttpResponse, type JsonBodyType } from 'msw';
import { setupServer } from 'msw/node';
import type { Role } from '../../shared/roles';
import { rememberIdentity } from '../src/authProvider';

export const server = setupServer();

export interface TestUser {
  id: number;
  email: string;
  fullName: string;
  role: Role;
}

export const USERS: Record<Role, TestUser> = {
  admin: { id: 1, email: 'admin@demo.test', fullName: 'Alice Admin', role: 'admin' },
  support: { id: 2, email: 'support@demo.test', fullName: 'Sophie Martin', role: 'support' },
  ops: { id: 3, email: 'ops@demo.test', fullName: 'Omar Ops', role: 'ops' },
  mediator: { id: 4, email: 'mediator@demo.test', fullName: 'Marie Médiation', role: 'mediator' },
  coordinator: { id: 5, email: 'coordinator@demo.test', fullName: 'Camille Coord', role: 'coordinator' },
};

export function apiError(status: number, code: string, message: string) {
  return HttpResponse.json({ error: { code, message } }, { status });
}

/**
 * The session as the server sees it: `signedIn` changes on login/logout. A session
 * that already exists also means this browser remembers who signed in (the console's
 * hint in localStorage), as it would after an earlier sign-in.
 */
export function authHandlers(options: { user: TestUser; signedIn?: boolean; password?: string }) {
  const session = { signedIn: options.signedIn ?? false };
  if (session.signedIn) rememberIdentity(options.user);
  const password = options.password ?? 'demo1234';
  const handlers = [
    http.get('*/api/auth/me', async () => {
      // A real answer always comes in a later task. Answered within the same microtask
      // queue, react-admin's "not signed in → logout → /login" redirect races its own
      // navigation and loops (it only happens under msw in Node, never in a browser).
      await delay(5);
      return session.signedIn ? HttpResponse.json(options.user) : apiError(401, 'not_authenticated', 'Connectez-vous.');
    }),
    http.post('*/api/auth/login', async ({ request }) => {
      const body = (await request.json()) as { email?: string; password?: string };
      if (body.email !== options.user.email || body.password !== password) {
        return apiError(401, 'not_authenticated', 'E-mail ou mot de passe incorrect.');
      }
      session.signedIn = true;
      return HttpResponse.json(options.user);
    }),
    http.get('*/api/auth/totp', async () => {
      await delay(5);
      if (!session.signedIn) return apiError(401, 'not_authenticated', 'Connectez-vous.');
      const flags = options.user as TestUser & { totpEnrolled?: boolean; totpRequired?: boolean };
      return HttpResponse.json({ enrolled: flags.totpEnrolled ?? false, required: flags.totpRequired ?? false, enrolledAt: null });
    }),
    http.post('*/api/auth/logout', () => {
      session.signedIn = false;
      return new HttpResponse(null, { status: 204 });
    }),
  ];
  return { handlers, session };
}

export interface ListRequest {
  filter: Record<string, unknown>;
  sort: [string, string];
  range: [number, number];
}

/**
 * `GET /api/{resource}` in the simple-rest dialect; records every query it answers so
 * a test can check what the screen asked for. `getMany` (`filter={"id":[…]}`) is
 * answered from the same rows.
 */
export function listHandler(resource: string, rows: JsonBodyType[], requests: ListRequest[] = []) {
  return http.get(`*/api/${resource}`, ({ request }) => {
    const url = new URL(request.url);
    const query: ListRequest = {
      filter: JSON.parse(url.searchParams.get('filter') ?? '{}') as Record<string, unknown>,
      sort: JSON.parse(url.searchParams.get('sort') ?? '["id","ASC"]') as [string, string],
      range: JSON.parse(url.searchParams.get('range') ?? '[0,24]') as [number, number],
    };
    requests.push(query);
    const ids = query.filter.id;
    const selected = Array.isArray(ids)
      ? rows.filter((r) => ids.includes((r as { id: unknown }).id))
      : rows;
    const [start] = query.range;
    const end = start + selected.length - 1;
    return HttpResponse.json(selected, {
      headers: { 'Content-Range': `${resource} ${start}-${Math.max(end, start)}/${selected.length}` },
    });
  });
}

export function oneHandler(resource: string, rows: JsonBodyType[]) {
  return http.get(`*/api/${resource}/:id`, ({ params }) => {
    const row = rows.find((r) => String((r as { id: unknown }).id) === params.id);
    return row ? HttpResponse.json(row) : apiError(404, 'not_found', 'Introuvable.');
  });
}
