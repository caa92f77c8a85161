/**
 * The open catalog over HTTP (Art. 23; decisions §50): public, no token. CKAN's action API at
 * /api/3/action/ in CKAN's own envelope, and the DCAT-AP 3 export under /api/v1/catalog/open/.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { TSchema } from 'typebox'
import { Type } from 'typebox'
import { toAppError } from '../../../http/errors.js'
import { errorResponses } from '../../../shared/schema.js'
import type { OpenLinks } from './dataset.js'
import {
  CkanFailure,
  CkanOrganizationSummary,
  CkanPackage,
  CkanSearchResult,
  ckanReply,
  DcatCatalog,
  OrganizationListInput,
  PackageListInput,
  PackageSearchInput,
  PackageShowInput,
} from './schema.js'
import type { OpenCatalog } from './service.js'

/** CKAN's documentation of each action: the shapes these routes answer in. */
const HELP = 'https://docs.ckan.org/en/2.10/api/index.html#ckan.logic.action.get.'

function linksOf(request: FastifyRequest): OpenLinks {
  return { base: `${request.protocol}://${request.host}` }
}

/** The DCAT-AP 3 export, registered under /api/v1. */
export const openCatalogRoutes: FastifyPluginAsyncTypebox<{ open: OpenCatalog }> = async (app, { open }) => {
  app.get(
    '/catalog/open/dcat',
    {
      config: { public: true },
      schema: {
        tags: ['catalog'],
        summary: 'The open part of the catalog as DCAT-AP 3 (JSON-LD)',
        response: {
          200: { content: { 'application/ld+json': { schema: DcatCatalog } } },
          ...errorResponses(400),
        },
      },
    },
    async (req, reply) => {
      reply.type('application/ld+json; charset=utf-8')
      return open.dcatCatalog(linksOf(req))
    },
  )
}

type Action = 'package_list' | 'package_show' | 'package_search' | 'organization_list'

/** CKAN's action API (read actions), registered with the prefix /api/3/action. */
export const ckanRoutes: FastifyPluginAsyncTypebox<{ open: OpenCatalog }> = async (app, { open }) => {
  // CKAN's failure envelope for this plugin's routes; refusals and 5xx go on to the platform's handler.
  app.setErrorHandler(async (error, request, reply) => {
    const appError = toAppError(error)
    const notFound = appError.code === 'CATALOG_RESOURCE_NOT_FOUND' || appError.code === 'NOT_FOUND'
    if (!notFound && appError.code !== 'VALIDATION_FAILED') {
      throw error
    }
    const action = (request.routeOptions.url ?? '').split('/').pop() ?? ''
    const details = (appError.details ?? {}) as { field?: unknown; reason?: unknown; problems?: unknown }
    const field = typeof details.field === 'string' ? details.field.replace(/^(body|querystring)\.?/, '') : ''
    const reason = typeof details.reason === 'string' ? details.reason : 'Invalid value'
    return reply
      .code(notFound ? 404 : 409)
      .type('application/json; charset=utf-8')
      .send({
        help: `${HELP}${action}`,
        success: false,
        error: notFound
          ? { __type: 'Not Found Error', message: 'Not found' }
          : {
              __type: 'Validation Error',
              message: `${field || 'input'}: ${reason}`,
              ...(field ? { [field]: [reason] } : {}),
            },
      })
  })

  function both(
    action: Action,
    input: TSchema,
    result: TSchema,
    summary: string,
    run: (input: Record<string, unknown>, request: FastifyRequest) => Promise<unknown>,
  ) {
    const handler = async (request: FastifyRequest, _reply: FastifyReply) => ({
      help: `${HELP}${action}`,
      success: true as const,
      result: await run(
        ((request.method === 'GET' ? request.query : request.body) ?? {}) as Record<string, unknown>, // the schema's object
        request,
      ),
    })
    const response = { 200: ckanReply(result), 404: CkanFailure, 409: CkanFailure }
    app.get(
      `/${action}`,
      { config: { public: true }, schema: { tags: ['catalog'], summary, querystring: input, response } },
      handler,
    )
    app.post(
      `/${action}`,
      {
        config: { public: true },
        schema: { tags: ['catalog'], summary, body: input, response },
        // CKAN takes a bodiless POST as no parameters.
        preValidation: async (request) => {
          request.body ??= {}
        },
      },
      handler,
    )
  }

  both(
    'package_list',
    PackageListInput,
    Type.Array(Type.String()),
    'CKAN package_list: names of the open datasets',
    (input) => open.packageList(input),
  )
  both(
    'package_show',
    PackageShowInput,
    CkanPackage,
    'CKAN package_show: one open dataset by id or name',
    (input, request) => open.packageShow(input, linksOf(request)),
  )
  both(
    'package_search',
    PackageSearchInput,
    CkanSearchResult,
    'CKAN package_search: search the open datasets',
    (input, request) => open.packageSearch(input, linksOf(request)),
  )
  both(
    'organization_list',
    OrganizationListInput,
    Type.Union([Type.Array(Type.String()), Type.Array(CkanOrganizationSummary)]),
    'CKAN organization_list: departments providing open datasets',
    (input) => open.organizationList(input),
  )
}
