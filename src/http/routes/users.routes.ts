/** Administrators manage accounts. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addUser } from '../../domain/auth/auth.service.js';
import { ROLES } from '../../domain/auth/roles.js';
import { NotFoundError } from '../../domain/errors.js';
import { ErrorBody } from '../../shared/api.js';
import type { AppDeps } from '../app.js';
import { actorOf, authorize } from '../auth.js';

const User = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string().optional(),
  side: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  createdAt: z.string(),
});
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const userRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: 'List accounts (admin)',
          response: { 200: z.object({ items: z.array(User) }), ...errors },
        },
      },
      async (request) => {
        authorize(request, 'user.manage');
        return { items: await deps.auth.users.list() };
      },
    );

    app.post(
      '/users',
      {
        schema: {
          tags: ['users'],
          summary: 'Create an account (admin); without a password, the user signs in with single sign-on',
          body: z.object({
            email: z.string().min(3).max(320),
            side: z.string().min(1).max(63),
            role: z.enum(ROLES),
            displayName: z.string().min(1).max(200).optional(),
            password: z.string().min(1).max(1000).optional(),
          }),
          response: { 201: User, ...errors },
        },
      },
      async (request, reply) => {
        authorize(request, 'user.manage');
        return reply.code(201).send(await addUser(deps.auth, actorOf(request), request.body));
      },
    );

    app.post(
      '/users/:id/disable',
      {
        schema: {
          tags: ['users'],
          summary: 'Disable an account (admin): its sessions end and its tokens are revoked',
          params: z.object({ id: z.uuid() }),
          response: { 200: User, ...errors },
        },
      },
      async (request) => {
        authorize(request, 'user.manage');
        const user = await deps.auth.users.byId(request.params.id);
        if (!user) throw new NotFoundError('user', request.params.id);
        return deps.auth.users.setDisabled(user.id, true, actorOf(request));
      },
    );
  };
