/**
 * Builds the Express app from its parts. No listen() here: tests use the app
 * directly; server/main.ts migrates and listens.
 */
import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { auditLogSpec } from './audit/spec';
import { createAuthenticator } from './auth/authenticate';
import { registerAuthRoutes } from './auth/routes';
import { createSessions } from './auth/sessions';
import { registerStaffRoutes } from './auth/staffRoutes';
import { appTokensSpec, usersSpec } from './auth/specs';
import { systemClock, type Clock } from './clock';
import type { RouteDeps } from './context';
import { PROJECT_ROOT, type AppConfig } from './config';
import { readsFreshFrom } from './data/tableChanges';
import { ApiRouter, type RouteMeta } from './http/apiRouter';
import { errorHandler, notFoundHandler } from './http/errors';
import { buildOpenApi } from './http/openapi';
import { sameOriginGuard } from './http/sameOrigin';
import { rejectUnsafeInput } from './http/textInput';
import type { ResourceSpec } from './http/resource';
import { registerMarketplaceRoutes } from './marketplace/routes';
import { registerEngineApiRoutes } from './engineApi/routes';
import { registerInsightRoutes } from './insights/routes';
import { registerInboxRoutes } from './inbox/routes';
import * as specs from './marketplace/specs';
import { documentsSpec } from './verification/specs';
import { limitationsSpec, signalsSpec } from './limitations/specs';
import { casesSpec } from './mediation/specs';
import { payoutRunsSpec, payoutsSpec } from './payouts/specs';
import { registerVerificationRoutes } from './verification/routes';
import { registerSheetRoutes } from './sheets/routes';
import { registerLimitationRoutes } from './limitations/routes';
import { registerMediationRoutes } from './mediation/routes';
import { registerOrderActionRoutes } from './orders/routes';
import { registerPayoutRoutes } from './payouts/routes';
import { registerUploadRoutes } from './uploads/routes';
import { registerStaffNameRoutes } from './auth/staffNames';
import { registerHealthRoutes } from './ops/health';
import { defaultLogger, requestLogger, type Logger } from './ops/logging';
import { securityHeaders } from './ops/security';
import { registerPersonalDataRoutes } from './ops/personalData';
import { openApiAnswer } from './ops/answers';
import { createChangeFeed } from './events/changeFeed';
import { EventStreams, type EventStreamsOptions } from './events/eventStreams';
import { registerEventRoutes } from './events/routes';
import type { JsonObject } from '../shared/json';

export interface AppDeps {
  db: Knex;
  config: AppConfig;
  clock?: Clock;
  /** Where the built SPA lives (default admin/dist). */
  spaDir?: string;
  /** Where a failed request's error goes, with the request's fields (method, path) as log fields. */
  log?: (err: unknown, context?: JsonObject) => void;
  /** The structured logger (server/ops/logging.ts); default: stdout at LOG_LEVEL, silent under NODE_ENV=test (or TEST_LOG_FILE). */
  logger?: Logger;
  /** Live updates' settings (server/events/): streams per user, heartbeat, session checks, SQLite's polling period. */
  events?: EventStreamsOptions & { pollMs?: number };
}

export interface BuiltApp {
  app: Express;
  routes: readonly RouteMeta[];
  /** Ends the open live-update streams and stops listening for changes (a shutdown's first step: streams never end by themselves). */
  endStreams(): Promise<void>;
  /** Releases what the app holds (the streams included); the database handle is the caller's. */
  close(): void;
}

export const ALL_SPECS: readonly ResourceSpec[] = [
  specs.partnersSpec,
  documentsSpec,
  specs.clientsSpec,
  specs.servicesSpec,
  specs.ordersSpec,
  specs.proposalsSpec,
  specs.reviewsSpec,
  specs.paymentsSpec,
  payoutsSpec,
  payoutRunsSpec,
  limitationsSpec,
  signalsSpec,
  casesSpec,
  auditLogSpec,
  usersSpec,
  appTokensSpec,
];

// An unknown error is logged on its request's line, with its stack (res.err, server/ops/logging.ts);
// `log` is an extra hook.
const defaultLog = () => {};

export function createApp(deps: AppDeps): BuiltApp {
  const { db, config } = deps;
  const clock = deps.clock ?? systemClock;
  const log = deps.log ?? defaultLog;
  const logger = deps.logger ?? defaultLogger(config.nodeEnv);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy ? 1 : false);
  // The default "extended" parser would turn `filter[x]=` into objects; the dialect only uses JSON strings.
  app.set('query parser', 'simple');
  app.use(requestLogger(logger), securityHeaders({ trustProxy: config.trustProxy }));

  const sessions = createSessions(db, {
    secret: config.sessionSecret,
    ttlMs: config.sessionTtlMs,
    secure: config.trustProxy,
    // Expired sessions are removed by a periodic job claimed by one process (server/jobs.ts), not by a timer in each.
    cleanupMs: 0,
  });
  const api = new ApiRouter(createAuthenticator(db, clock, config.totpRequiredRoles));

  const routeDeps: RouteDeps = { db, clock, config };
  const feedLog = (err: unknown, context: string) => logger.error({ err, job: context }, 'live updates');
  const streams = new EventStreams(db, createChangeFeed(db, { pollMs: deps.events?.pollMs, log: feedLog }), { log: feedLog, ...deps.events });
  registerHealthRoutes(api, routeDeps);
  registerPersonalDataRoutes(api, routeDeps);
  // A sign-out here ends that session's live-update streams at once (other instances see it at their next session check).
  registerAuthRoutes(api, routeDeps, { onSignOut: (sid) => streams.endSession(sid) });
  registerStaffRoutes(api, routeDeps);
  registerVerificationRoutes(api, routeDeps);
  registerMarketplaceRoutes(api, routeDeps);
  registerSheetRoutes(api, routeDeps);
  registerEngineApiRoutes(api, routeDeps);
  registerInsightRoutes(api, routeDeps);
  registerInboxRoutes(api, routeDeps);
  registerLimitationRoutes(api, routeDeps);
  registerMediationRoutes(api, routeDeps);
  registerOrderActionRoutes(api, routeDeps);
  registerPayoutRoutes(api, routeDeps);
  registerUploadRoutes(api, routeDeps);
  registerStaffNameRoutes(api, db);
  registerEventRoutes(api, streams);

  const openapiRoute: RouteMeta = { method: 'get', path: '/openapi.json', access: { kind: 'public' }, summary: 'This document', tag: 'meta', status: 200, answer: openApiAnswer };
  const openapi = buildOpenApi([...api.routes, openapiRoute], ALL_SPECS);
  api.add(openapiRoute, (_req, res) => {
    res.json(openapi);
  });

  app.use(
    '/api',
    // What this request reads shows every write committed before it began, on any instance (server/data/tableChanges.ts).
    (_req, _res, next) => readsFreshFrom(next),
    (_req, res, next) => {
      res.set('Cache-Control', 'no-store');
      res.set('X-Content-Type-Options', 'nosniff');
      res.set('Access-Control-Expose-Headers', 'Content-Range, X-Total-Estimated');
      next();
    },
    express.json({ limit: '1mb', strict: true }),
    sameOriginGuard(config.allowedOrigins),
    // Once for every route, the sign-in included: text a database cannot hold the same way on
    // SQLite and PostgreSQL, prototype keys and hostile nesting are a 400 (server/http/textInput.ts).
    rejectUnsafeInput,
    sessions.middleware,
    api.router,
    notFoundHandler,
  );

  serveSpa(app, deps.spaDir ?? path.join(PROJECT_ROOT, 'admin', 'dist'));
  app.use(errorHandler((err, req) => log(err, { method: req.method, path: req.path })));

  const endStreams = () => streams.close();
  return {
    app,
    routes: api.routes,
    endStreams,
    close: () => {
      void endStreams();
      sessions.close();
    },
  };
}

/** The built console: static assets (long-cached, hashed names) and index.html for every client-side route. */
function serveSpa(app: Express, dir: string): void {
  const index = path.join(dir, 'index.html');
  app.use(express.static(dir, { index: false, maxAge: '1y', immutable: true }));
  app.get(/^(?!\/api(\/|$)).*/, (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('Console not built yet: run `npm start` (or `npm run build`).');
      return;
    }
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
