/** The quality module's words in the API reference (decisions §48; English: routes.ts). */
import type { ApiDocs } from '../../shared/api-docs.js'

const CHECK = { zh: '一致性核查 ID', en: 'Consistency check id' }

export const qualityApiDocs: ApiDocs = {
  params: {
    id: { zh: '异议 ID', en: 'Objection id' },
    direction: {
      zh: 'outgoing：本部门提出的；incoming：针对本部门资源的；all：两者',
      en: 'outgoing: raised by my department; incoming: on my department’s resources; all: both',
    },
    resourceId: { zh: '只列出该资源的异议', en: 'Only objections on this resource' },
    departmentId: { zh: '分派到的部门 ID', en: 'The department the disagreements are routed to' },
    checkId: CHECK,
    runId: { zh: '核查运行 ID', en: 'Check run id' },
  },
  operations: {
    'POST /api/v1/quality/objections': { zh: '对在有效授权下读取的记录（或其中一项）提出异议（第二十六条）' },
    'GET /api/v1/quality/objections': {
      zh: '本部门提出的异议（outgoing）和针对本部门资源的异议（incoming）；大数据局为全部',
    },
    'GET /api/v1/quality/objections/{id}': { zh: '查看一个异议' },
    'POST /api/v1/quality/objections/{id}/answer': {
      zh: '提供部门答复：已更正（重新上报记录后）或附理由确认无误',
    },
    'GET /api/v1/quality/settings': { zh: '异议处理期限（工作日）' },
    'PUT /api/v1/quality/settings': { zh: '设置异议处理期限（工作日，大数据局）' },
    'POST /api/v1/quality/checks': { zh: '定义两个资源按主键关联的一致性核查（第十七条）' },
    'GET /api/v1/quality/checks': { zh: '一致性核查及其最近一次运行' },
    'POST /api/v1/quality/checks/{id}/run': {
      zh: '立即运行一次核查（各实例间同一时间只运行一次）',
      params: { id: CHECK },
    },
    'GET /api/v1/quality/checks/{id}/runs': {
      zh: '趋势：每次运行比对的记录数和不一致数，最早在前',
      params: { id: CHECK },
    },
    'GET /api/v1/quality/disagreements': { zh: '分派给部门的不一致（本部门；大数据局为全部）' },
  },
}
