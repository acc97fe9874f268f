import { http, HttpResponse } from 'msw';
import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { server } from '../test/msw';
import { createDataProvider } from './dataProvider';

describe('the data provider', () => {
  it('when a screen runs an action, then it POSTs the JSON body to /api/{resource}/{id}/{name}', async () => {
    const calls: Array<{ url: string; body: unknown }> = [];
    server.use(
      http.post('*/api/partners/:id/refuse', async ({ request }) => {
        calls.push({ url: new URL(request.url).pathname, body: await request.json() });
        return HttpResponse.json({ id: 11, status: 'refused' });
      }),
    );
    const { data } = await createDataProvider().action('partners', 11, 'refuse', { reason: 'Pièces manquantes' });
    expect(calls).toEqual([{ url: '/api/partners/11/refuse', body: { reason: 'Pièces manquantes' } }]);
    expect(data).toEqual({ id: 11, status: 'refused' });
  });

  it('when the state forbids an action (409), then the server’s sentence is the error', async () => {
    server.use(
      http.post('*/api/partners/:id/approve', () =>
        HttpResponse.json(
          { error: { code: 'invalid_state', message: 'Le dossier est incomplet : pièce d’identité manquante.' } },
          { status: 409 },
        ),
      ),
    );
    const error = await createDataProvider().action('partners', 11, 'approve').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).message).toBe('Le dossier est incomplet : pièce d’identité manquante.');
    expect((error as HttpError).status).toBe(409);
  });
});
