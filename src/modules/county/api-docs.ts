/** The county migration routes' words in the API reference (decisions §48, §59; English: routes.ts). */
import type { ApiDocs } from '../../shared/api-docs.js'

const COUNTS = {
  department: { create: 0, change: 0, unchanged: 3, refused: 0 },
  resource: { create: 2, change: 1, unchanged: 0, refused: 1 },
  grant: { create: 1, change: 0, unchanged: 0, refused: 0 },
  record: { create: 120, change: 0, unchanged: 0, refused: 1 },
}
const ID = 'a3f0c1d2e4b5968778695a4b3c2d1e0f9a8b7c6d5e4f30211203f4e5d6c7b8a9'
const PLAN = '5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9001122334455667788990a'
const STATUS = {
  id: ID,
  county: { code: '11530112MB0000001X', name: '西山区' },
  planDigest: PLAN,
  state: 'planned',
  files: 4,
  bytes: 18342,
  uploadedBy: 'admin',
  uploadedAt: '2026-12-08T02:00:00.000Z',
  planned: COUNTS,
  appliedBy: null,
  appliedAt: null,
  result: null,
  run: null,
}

export const countyApiDocs: ApiDocs = {
  params: {
    id: { zh: '上传编号：导出内容的 SM3 摘要', en: 'The upload id: the SM3 digest of the export as read' },
    plan: {
      zh: '确认的预演结果摘要（planDigest）；平台数据变化致结果不同则拒绝',
      en: 'The planDigest confirmed; refused when the plan would now differ',
    },
  },
  operations: {
    'POST /api/v1/county/imports': {
      zh: '上传县级平台导出并预演：返回计划，保存导出以供确认执行（系统管理员）',
      description: {
        zh: '请求体为命令行所读的导出：单个 JSON 导出文件（application/json），或 multipart/form-data，每个文件一部分，文件名为其在导出目录中的路径（manifest.json、resources.csv|json|xlsx、items.*、grants.*、departments.*、records/<资源编码>.*；共同的顶层目录会被去掉）。除审计日志和保存的导出外不写入任何内容；回复即计划：各类对象按结果（新增、变更、不变、拒绝）的数量，每个被拒绝的行及其错误码和中英文原因，每个变更的行及其字段。id 为导出内容的 SM3 摘要，planDigest 为计划的摘要。',
      },
      responses: {
        200: {
          ...STATUS,
          refused: [
            {
              entity: 'resource',
              key: 'XS-0010',
              row: 10,
              code: 'CATALOG_KEY_REQUIRED',
              zh: '资源须至少有一个主键信息项',
              en: 'A resource needs at least one key item',
            },
          ],
          changes: [{ entity: 'resource', key: 'XS-0001', fields: ['summary'] }],
        },
      },
    },
    'POST /api/v1/county/imports/{id}/apply': {
      zh: '确认执行预演的迁移，中断后再次调用即续跑（系统管理员）',
      description: {
        zh: '按保存的导出分批执行预演的计划。plan 为确认的计划摘要。请求体可再次附上导出（格式同上传），须与该编号的导出相同。已执行过的不再执行（repeated）。409 COUNTY_EXPORT_CHANGED：该编号下是另一份导出；409 COUNTY_IMPORT_STALE：预演后平台数据已变化，结果将不同（请重新上传预演）；409 COUNTY_RUN_IN_PROGRESS：该县（区）另一份导出正在迁移，或本次迁移正由另一个请求执行。',
      },
      responses: {
        200: {
          ...STATUS,
          state: 'applied',
          appliedBy: 'admin',
          appliedAt: '2026-12-08T02:05:00.000Z',
          result: COUNTS,
          run: {
            id: '0193a5b2-7c1d-7e2f-8a3b-4c5d6e7f8091',
            status: 'done',
            batches: 3,
            cursor: 3,
            counts: COUNTS,
            startedBy: 'admin',
            startedAt: '2026-12-08T02:04:58.000Z',
            updatedAt: '2026-12-08T02:05:00.000Z',
            finishedAt: '2026-12-08T02:05:00.000Z',
          },
          resumed: false,
          repeated: false,
        },
      },
    },
    'GET /api/v1/county/imports/{id}': {
      zh: '上传的导出的状态及迁移进度：已完成批次、游标',
      responses: { 200: STATUS },
    },
  },
}
