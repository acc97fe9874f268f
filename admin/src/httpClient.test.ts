import { http, HttpResponse } from 'msw';
import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import { server } from '../test/msw';
import { httpClient } from './httpClient';
import { createI18nProvider } from './i18n';

describe('the HTTP client', () => {
  it('when the server answers with the contract error body, then the error carries its message and body', async () => {
    server.use(
      http.put('*/api/partners/1', () =>
        HttpResponse.json(
          {
            error: {
              code: 'validation_failed',
              message: 'Le SIREN est invalide.',
              details: { fields: { siren: 'Clé de contrôle incorrecte' } },
            },
          },
          { status: 422 },
        ),
      ),
    );
    const error = await httpClient('/api/partners/1', { method: 'PUT', body: '{}' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    const httpError = error as HttpError;
    expect(httpError.message).toBe('Le SIREN est invalide.');
    expect(httpError.status).toBe(422);
    expect(httpError.body.error.code).toBe('validation_failed');
    // Field messages reach the form under the right input.
    expect(httpError.body.errors).toEqual({ siren: 'Clé de contrôle incorrecte' });
  });

  it('when a request succeeds, then the same-origin session cookie is sent', async () => {
    let credentials: RequestCredentials | undefined;
    server.use(
      http.get('*/api/services', ({ request }) => {
        credentials = request.credentials;
        return HttpResponse.json([]);
      }),
    );
    const { json } = await httpClient('/api/services');
    expect(json).toEqual([]);
    expect(credentials).toBe('same-origin');
  });
});

describe('the language of the server’s answers', () => {
  it('when the console is switched to English, then requests ask for English; back to French, French', async () => {
    const seen: (string | null)[] = [];
    server.use(
      http.get('*/api/services', ({ request }) => {
        seen.push(request.headers.get('Accept-Language'));
        return HttpResponse.json([]);
      }),
    );
    const i18n = createI18nProvider('fr');
    await httpClient('/api/services');
    await i18n.changeLocale('en');
    await httpClient('/api/services');
    await i18n.changeLocale('fr');
    await httpClient('/api/services', { headers: new Headers({ Accept: 'application/json' }) });
    expect(seen).toEqual(['fr', 'en', 'fr']);
  });
});
