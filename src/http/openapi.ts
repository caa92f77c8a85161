import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance, RouteOptions } from 'fastify'
import type { ApiDocs } from '../shared/api-docs.js'
import { applyApiDocs, type OpenApiDocument } from './openapi-docs.js'
import { QUICK_START } from './openapi-quickstart.js'
import { TAGS } from './openapi-text.js'

const BEARER = [{ bearer: [] }]

/**
 * OpenAPI 3.1 generated from the route schemas, with the modules' bilingual docs tables applied
 * (decisions §48), plus a readable reference at /docs.
 */
export async function registerOpenApi(app: FastifyInstance, docs: readonly ApiDocs[]): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'govshare API — 政务信息资源共享平台',
        version: '1',
        description: QUICK_START,
        contact: { name: '共享平台运维（市大数据局）/ Platform operations, the big-data bureau' },
        // The platform is the city's own software, not published under an open licence.
        license: {
          name: '政务内部使用 / Government internal use',
          identifier: 'LicenseRef-govshare-internal',
        },
      },
      // Paths are emitted whole (/api/v1/…, /healthz), so the server is the platform's root.
      servers: [{ url: '/', description: '本平台 / This platform' }],
      tags: TAGS.map((tag) => ({ name: tag.name, description: `${tag.zh} / ${tag.en}` })),
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              '用户登录（POST /api/v1/auth/login）返回的 token，或 API 客户端（POST /api/v1/auth/token）返回的 accessToken / ' +
              'The token of a sign-in (POST /api/v1/auth/login) or the accessToken of an API client (POST /api/v1/auth/token)',
          },
        },
      },
    },
    transform: ({ schema, url, route }) => ({ schema: { ...schema, security: securityOf(url, route) }, url }),
    transformObject: (documents) =>
      'openapiObject' in documents
        ? applyApiDocs(documents.openapiObject as OpenApiDocument, docs)
        : documents.swaggerObject,
  })
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
}

/** What http/auth.ts asks of a caller: a token on every /api/ route but the public ones. */
function securityOf(url: string, route: RouteOptions) {
  const isPublic = !url.startsWith('/api/') || route.config?.public === true
  return isPublic ? [] : BEARER
}
