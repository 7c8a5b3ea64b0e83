/**
 * Accounts: everyone signed in may list them (to assign claims); only an admin
 * changes them, except that everyone may change their own display name (on the
 * same PATCH: the name belongs to the account, not to a session). Every change
 * is pushed to the open dashboards as a `user.changed` event.
 */
import type { FastifyPluginAsync } from 'fastify';
import { ROLES, Role } from '../../src/domain/workflow';
import { hashPassword } from '../auth/password';
import { currentUser, requireRole } from '../plugins/auth';
import { ProblemError } from '../plugins/problems';
import {
  createUser,
  LastAdminError,
  listUsers,
  toPublicUser,
  updateUser,
  UserChanges,
  UsernameTakenError,
} from '../repositories/users';
import {
  displayNameSchema,
  errorResponses,
  noQuerystring,
  passwordSchema,
  pathParams,
  problemRef,
  usernameSchema,
  userSchema,
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

  app.post<{ Body: { username: string; role: Role; password: string; displayName?: string } }>(
    '/api/users',
    {
      schema: {
        summary: 'Create an account (admin); the display name is the username unless given',
        querystring: noQuerystring,
        body: {
          type: 'object',
          properties: {
            username: usernameSchema,
            role: { type: 'string', enum: [...ROLES] },
            password: passwordSchema,
            displayName: displayNameSchema,
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
      const passwordHash = await hashPassword(request.body.password);
      try {
        const { user, event } = await createUser(app.db, {
          username: request.body.username,
          role: request.body.role,
          passwordHash,
          displayName: request.body.displayName?.trim(),
        });
        app.changes.publish(event);
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

  app.patch<{ Params: { username: string }; Body: UserChanges }>(
    '/api/users/:username',
    {
      schema: {
        summary:
          'Change a role, disable an account or change a display name (admin); ' +
          'change your own display name (anyone signed in)',
        description:
          'An admin may change any account, and an active admin always remains. Everyone else may ' +
          'change their own `displayName` and nothing else: another account, or a `role` or ' +
          '`disabled` in the body, is refused with 403 naming the field. Other dashboards hear of ' +
          'the change as a `user.changed` event on /api/events.',
        params: pathParams({ username: usernameSchema }),
        querystring: noQuerystring,
        body: {
          type: 'object',
          properties: {
            role: { type: 'string', enum: [...ROLES] },
            disabled: { type: 'boolean' },
            displayName: displayNameSchema,
          },
          additionalProperties: false,
          minProperties: 1,
        },
        response: { 200: userSchema, 409: problemRef, ...errorResponses },
      },
    },
    async (request) => {
      const self = currentUser(request);
      const own = request.params.username === self.username;
      if (self.role !== 'admin') {
        if (!own) {
          throw new ProblemError({
            title: 'Not allowed',
            status: 403,
            detail: 'You can change only your own display name; an admin changes other accounts.',
            field: '/params/username',
          });
        }
        const adminOnly = (['role', 'disabled'] as const).find(
          (key) => request.body[key] !== undefined,
        );
        if (adminOnly) {
          throw new ProblemError({
            title: 'Not allowed',
            status: 403,
            detail: 'Only an admin can change roles or disable accounts.',
            field: `/body/${adminOnly}`,
          });
        }
      }
      const losesAdmin =
        request.body.disabled === true || (request.body.role && request.body.role !== 'admin');
      if (own && losesAdmin) {
        throw new ProblemError({
          title: 'Conflict',
          status: 409,
          detail: 'You cannot remove your own admin rights; ask another admin.',
          field: request.body.disabled === true ? '/body/disabled' : '/body/role',
        });
      }
      const { displayName, ...rest } = request.body;
      const changes: UserChanges =
        displayName === undefined ? rest : { ...rest, displayName: displayName.trim() };
      let changed;
      try {
        changed = await updateUser(app.db, request.params.username, changes);
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
      if (!changed) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `No account is called ${request.params.username}.`,
        });
      }
      const { user, event } = changed;
      if (changes.role !== undefined || changes.disabled !== undefined) {
        // Its sessions and live streams carry on under the new role, or not at all.
        app.sessions.userChanged(user.username);
      } else {
        // A new name only: its sessions show it at once, and its live streams carry on.
        app.sessions.userRenamed(user.username);
      }
      app.changes.publish(event);
      return toPublicUser(user);
    },
  );
};

export default users;
