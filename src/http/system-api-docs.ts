/** Health checks in the API reference (decisions §48). */
import type { ApiDocs } from '../shared/api-docs.js'

export const systemApiDocs: ApiDocs = {
  operations: {
    'GET /healthz': { zh: '进程存活', en: 'The process is alive', responses: { 200: { status: 'ok' } } },
    'GET /readyz': {
      zh: '数据库可用时就绪',
      en: 'Ready when the database answers',
      responses: { 200: { status: 'ready' } },
    },
  },
}
