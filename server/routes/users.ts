/** Accounts: everyone signed in may list them (to assign claims); only an admin changes them. */
import type { FastifyPluginAsync } from 'fastify';
import { ROLES, Role } from '../../src/domain/workflow';
import { hashPassword } from '../auth/password';
import { currentUser, requireRole } from '../plugins/auth';
import { ProblemError } from '../plugins/problems';
import {
  insertUser,
  LastAdminError,
  listUsers,
  toPublicUser,
  updateUser,
  UsernameTakenError,
} from '../repositories/users';
import {
  errorResponses,
  noQuerystring,
  passwordSchema,
  problemRef,
  userSchema,
  usernameSchema,
} from './schemas';

const users: FastifyPluginAsync = async (app) => {
  app.get(
    '/api/users',
    {
      schema: {
        summary: 'Every account (no secrets)',
        querystring: noQuerystring,
        response: { 200: { type: 'array', items: userSchema }, 400: problemRef, 401: problemRef },
      },
    },
    async () => (await listUsers(app.db)).map(toPublicUser),
  );

  app.post<{ Body: { username: string; role: Role; password: string } }>(
    '/api/users',
    {
      schema: {
        summary: 'Create an account (admin)',
        querystring: noQuerystring,
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
      try {
        const user = await insertUser(app.db, {
          username: request.body.username,
          role: request.body.role,
          passwordHash: await hashPassword(request.body.password),
        });
        reply.status(201);
        return toPublicUser(user);
      } catch (error) {
        // The unique index decides, so that two admins adding one name at once get one 409.
        if (error instanceof UsernameTakenError) {
          throw new ProblemError({
            title: 'Conflict',
            status: 409,
            detail: error.message,
            field: '/body/username',
          });
        }
        throw error;
      }
    },
  );

  app.patch<{ Params: { username: string }; Body: { role?: Role; disabled?: boolean } }>(
    '/api/users/:username',
    {
      schema: {
        summary: 'Change a role or disable an account (admin); an active admin always remains',
        params: {
          type: 'object',
          properties: { username: usernameSchema },
          required: ['username'],
          additionalProperties: false,
        },
        querystring: noQuerystring,
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
          field: request.body.disabled === true ? '/body/disabled' : '/body/role',
        });
      }
      let user;
      try {
        user = await updateUser(app.db, request.params.username, request.body);
      } catch (error) {
        if (error instanceof LastAdminError) {
          throw new ProblemError({
            title: 'Conflict',
            status: 409,
            detail: error.message,
            field: request.body.disabled === true ? '/body/disabled' : '/body/role',
            code: 'last_admin',
          });
        }
        throw error;
      }
      if (!user) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `No account is called ${request.params.username}.`,
        });
      }
      // Its sessions and live streams carry on under the new role, or not at all.
      app.sessions.userChanged(user.username);
      return toPublicUser(user);
    },
  );
};

export default users;
