/** Admin screens' endpoints: staff accounts (`users`) and app tokens (`app-tokens`). */
import type { ApiRouter } from '../http/apiRouter';
import { parseBody, parsePutBody, registerReadRoutes } from '../http/crud';
import type { Ctx, RouteDeps } from '../context';
import type { Request } from 'express';
import {
  createAppToken,
  createAppTokenSchema,
  createUser,
  createUserSchema,
  revokeAppToken,
  updateUser,
  updateUserSchema,
} from './staffAccounts';
import { appTokensSpec, usersSpec } from './specs';
import { unlockAccount } from './unlockAccount';
import { appTokenAnswer, createdAppTokenAnswer, userAnswer } from './answers';

export function registerStaffRoutes(api: ApiRouter, { db, clock }: RouteDeps): void {
  const ctx = (req: Request): Ctx => ({ db, clock, actor: req.actor });

  registerReadRoutes(api, db, usersSpec, { tag: 'users', label: 'staff accounts' });
  api.add(
    {
      method: 'post',
      path: '/users',
      access: { kind: 'permission', resource: 'users', action: 'create' },
      summary: 'Create a staff account',
      tag: 'users',
      body: createUserSchema,
      status: 201,
      answer: userAnswer,
    },
    async (req, res) => {
      res.status(201).json(await createUser(ctx(req), parseBody(createUserSchema, req.body)));
    },
  );
  api.add(
    {
      method: 'put',
      path: '/users/:id',
      access: { kind: 'permission', resource: 'users', action: 'edit' },
      summary: 'Update a staff account (role, active, name, email, new password)',
      tag: 'users',
      body: updateUserSchema,
      status: 200,
      answer: userAnswer,
    },
    async (req, res) => {
      res.json(await updateUser(ctx(req), String(req.params.id), parsePutBody(usersSpec, updateUserSchema, req.body)));
    },
  );

  api.add(
    {
      method: 'post',
      path: '/users/:id/unlock',
      access: { kind: 'permission', resource: 'users', action: 'unlock' },
      summary: 'Lift a staff account’s sign-in lock and reset its failure counters (every address, every instance); audited as users.unlock',
      tag: 'users',
      status: 200,
      answer: userAnswer,
      response: 'The staff account, lockedUntil null.',
    },
    async (req, res) => {
      res.json(await unlockAccount(ctx(req), String(req.params.id)));
    },
  );

  registerReadRoutes(api, db, appTokensSpec, { tag: 'app-tokens', label: 'app tokens' });
  api.add(
    {
      method: 'post',
      path: '/app-tokens',
      access: { kind: 'permission', resource: 'app-tokens', action: 'create' },
      summary: 'Create an app token for the engine API (the secret is shown once)',
      tag: 'app-tokens',
      body: createAppTokenSchema,
      status: 201,
      answer: createdAppTokenAnswer,
    },
    async (req, res) => {
      res.status(201).json(await createAppToken(ctx(req), parseBody(createAppTokenSchema, req.body)));
    },
  );
  api.add(
    {
      method: 'delete',
      path: '/app-tokens/:id',
      access: { kind: 'permission', resource: 'app-tokens', action: 'delete' },
      summary: 'Revoke an app token',
      tag: 'app-tokens',
      status: 200,
      answer: appTokenAnswer,
    },
    async (req, res) => {
      res.json(await revokeAppToken(ctx(req), String(req.params.id)));
    },
  );
}
