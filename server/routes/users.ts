/** Accounts: everyone signed in may list them (to assign claims); only an admin changes them. */
import type { FastifyPluginAsync } from 'fastify';
import { ROLES, Role } from '../../src/domain/workflow';
import { hashPassword } from '../auth/password';
import { currentUser, requireRole } from '../plugins/auth';
import { ProblemError } from '../plugins/problems';
import {
  findUserByName,
  insertUser,
  listUsers,
  toPublicUser,
  updateUser,
} from '../repositories/users';
import { errorResponses, passwordSchema, problemRef, userSchema, usernameSchema } from './schemas';

const users: FastifyPluginAsync = async (app) => {
  app.get(
    '/api/users',
    {
      schema: {
        summary: 'Every account (no secrets)',
        response: { 200: { type: 'array', items: userSchema }, 401: problemRef },
      },
    },
    async () => (await listUsers(app.db)).map(toPublicUser),
  );

  app.post<{ Body: { username: string; role: Role; password: string } }>(
    '/api/users',
    {
      schema: {
        summary: 'Create an account (admin)',
        body: {
          type: 'object',
          properties: {
            username: usernameSchema,
            role: { type: 'string', enum: [...ROLES] },
            password: passwordSchema,
          },
          required: ['username', 'role', 'password'],
          additionalProperties: false,
        },
        response: { 201: userSchema, 409: problemRef, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!requireRole(request, reply, 'admin')) {
        return reply;
      }
      if (await findUserByName(app.db, request.body.username)) {
        throw new ProblemError({
          title: 'Conflict',
          status: 409,
          detail: `The username ${request.body.username} is taken.`,
          field: '/body/username',
        });
      }
      const user = await insertUser(app.db, {
        username: request.body.username,
        role: request.body.role,
        passwordHash: await hashPassword(request.body.password),
      });
      reply.status(201);
      return toPublicUser(user);
    },
  );

  app.patch<{ Params: { username: string }; Body: { role?: Role; disabled?: boolean } }>(
    '/api/users/:username',
    {
      schema: {
        summary: 'Change a role or disable an account (admin)',
        params: {
          type: 'object',
          properties: { username: usernameSchema },
          required: ['username'],
          additionalProperties: false,
        },
        body: {
          type: 'object',
          properties: { role: { type: 'string', enum: [...ROLES] }, disabled: { type: 'boolean' } },
          additionalProperties: false,
          minProperties: 1,
        },
        response: { 200: userSchema, 409: problemRef, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!requireRole(request, reply, 'admin')) {
        return reply;
      }
      const self = currentUser(request);
      const losesAdmin =
        request.body.disabled === true || (request.body.role && request.body.role !== 'admin');
      if (request.params.username === self.username && losesAdmin) {
        throw new ProblemError({
          title: 'Conflict',
          status: 409,
          detail: 'You cannot remove your own admin rights; ask another admin.',
        });
      }
      const user = await updateUser(app.db, request.params.username, request.body);
      app.sessions.forgetUser(request.params.username);
      if (!user) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `No account is called ${request.params.username}.`,
        });
      }
      return toPublicUser(user);
    },
  );
};

export default users;
