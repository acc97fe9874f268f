/** A one-route Express app behind the real error handler, for tests of how a failure is answered. */
import express from 'express';
import { errorHandler } from '../http/errors';

/** GET /fail runs `fail` and hands its rejection to the error handler; `logged` collects what the handler logs. */
export function failingApp(fail: () => Promise<unknown>): { app: express.Express; logged: unknown[] } {
  const logged: unknown[] = [];
  const app = express();
  app.get('/fail', (_req, _res, next) => {
    fail().then(() => next(new Error('expected a failure')), next);
  });
  app.use(errorHandler((err) => logged.push(err)));
  return { app, logged };
}
