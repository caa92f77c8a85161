import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { actorOf } from '../../http/auth.js'
import { bearer, errorResponses, IdParams } from '../../shared/schema.js'
import type { AuthService } from './auth.js'
import {
  ApiClientList,
  CreatedClient,
  DepartmentList,
  DepartmentView,
  LoginBody,
  LoginReply,
  MeReply,
  NewClient,
  NewDepartment,
  NewUser,
  PasswordChangeBody,
  TokenBody,
  TokenReply,
  UserList,
  UserView,
} from './schema.js'
import type { OrgService } from './service.js'
import { upkeepRoutes } from './upkeep-routes.js'

export const orgRoutes: FastifyPluginAsyncTypebox<{ org: OrgService; auth: AuthService }> = async (
  app,
  { org, auth },
) => {
  await app.register(upkeepRoutes, { org })
  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with username and password',
        body: LoginBody,
        response: { 200: LoginReply, ...errorResponses(400, 401, 423) },
      },
    },
    async (req) => auth.login(req.body),
  )

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End this session',
        security: bearer,
        response: { 204: Type.Null() },
      },
    },
    async (req, reply) => {
      await auth.logout(actorOf(req))
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/auth/token',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Client-credentials token for a department system',
        body: TokenBody,
        response: { 200: TokenReply, ...errorResponses(400, 401) },
      },
    },
    async (req) => auth.issueClientToken(req.body),
  )

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my own password',
        security: bearer,
        body: PasswordChangeBody,
        response: { 204: Type.Null(), ...errorResponses(400, 401) },
      },
    },
    async (req, reply) => {
      await auth.changePassword(actorOf(req), req.body)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'Who am I', security: bearer, response: { 200: MeReply } } },
    async (req) => {
      const actor = actorOf(req)
      return {
        kind: actor.kind,
        id: actor.id,
        name: actor.name,
        departmentId: actor.departmentId,
        roles: [...actor.roles],
      }
    },
  )

  app.post(
    '/departments',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Create a department (city, county or township)',
        security: bearer,
        body: NewDepartment,
        response: { 201: DepartmentView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await org.createDepartment(actorOf(req), req.body)),
  )

  app.get(
    '/departments',
    {
      schema: {
        tags: ['organisation'],
        summary: 'The department directory',
        security: bearer,
        response: { 200: DepartmentList },
      },
    },
    async (req) => ({ items: await org.listDepartments(actorOf(req)) }),
  )

  app.get(
    '/departments/:id',
    {
      schema: {
        tags: ['organisation'],
        summary: 'One department',
        security: bearer,
        params: IdParams,
        response: { 200: DepartmentView, ...errorResponses(404) },
      },
    },
    async (req) => org.getDepartment(actorOf(req), req.params.id),
  )

  app.post(
    '/users',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Create a user in a department within your scope',
        security: bearer,
        body: NewUser,
        response: { 201: UserView, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await org.createUser(actorOf(req), req.body)),
  )

  app.get(
    '/users',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Users within your scope',
        security: bearer,
        response: { 200: UserList },
      },
    },
    async (req) => ({ items: await org.listUsers(actorOf(req)) }),
  )

  app.post(
    '/clients',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Register an API client for a department system (the secret is shown once)',
        security: bearer,
        body: NewClient,
        response: { 201: CreatedClient, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.code(201).send(await org.createClient(actorOf(req), req.body)),
  )

  app.get(
    '/clients',
    {
      schema: {
        tags: ['organisation'],
        summary: 'API clients within your scope',
        security: bearer,
        response: { 200: ApiClientList },
      },
    },
    async (req) => ({ items: await org.listClients(actorOf(req)) }),
  )
}
