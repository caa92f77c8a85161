/** The sharing module's words in the API reference (decisions §48; English: routes.ts). */
import type { ApiDocs } from '../../shared/api-docs.js'

const REQUEST_ID = '29ec76c9-df54-46d3-81dc-c5b8b404daee'
const GRANT_ID = '068f7c96-ec2f-4f8b-9332-cb1a7544387e'
const GRANT = { zh: '授权 ID', en: 'Grant id' }

export const sharingApiDocs: ApiDocs = {
  params: {
    id: { zh: '共享申请 ID', en: 'Sharing request id' },
    direction: {
      zh: 'outgoing：本部门发出的申请；incoming：针对本部门资源的申请；all：两者',
      en: 'outgoing: my department’s applications; incoming: requests for its resources; all: both',
    },
    status: { zh: '按状态筛选', en: 'Filter by status' },
    resourceId: { zh: '只列出该资源的授权', en: 'Only grants on this resource' },
  },
  operations: {
    'POST /api/v1/sharing/requests': {
      zh: '申请（有条件共享）或订阅（无条件共享）资源的信息项',
      description: {
        zh: '无条件共享资源立即授权，返回 status "granted" 及 grantId；有条件共享资源返回 status "pending"，dueDate 为申请日后第 10 个工作日。不予共享的资源：403 SHARING_NOT_SHAREABLE。',
        en: 'An unconditional resource is granted at once: status "granted" with its grantId. A conditional one answers status "pending" with dueDate, the 10th working day after the request. A resource not shared: 403 SHARING_NOT_SHAREABLE.',
      },
      request: {
        resourceId: '9629ce51-9c8f-440a-9613-e88e19b78a00',
        items: ['公民身份号码', '姓名', '参保险种', '参保状态'],
        purpose: '低保家庭经济状况核对',
      },
      responses: {
        201: {
          id: REQUEST_ID,
          resourceId: '9629ce51-9c8f-440a-9613-e88e19b78a00',
          resourceName: '社会保险参保信息',
          providerId: '52e5d470-cbfa-4757-8b70-b02055b069d9',
          consumerId: '5ca1e192-d2d8-48c5-993c-1f34ac594d05',
          requester: 'civil_consumer',
          items: ['公民身份号码', '姓名', '参保险种', '参保状态'],
          purpose: '低保家庭经济状况核对',
          basis: null,
          validTo: null,
          status: 'granted',
          dueDate: null,
          dueDateProvisional: false,
          grantId: GRANT_ID,
          renewalOf: null,
          accessMode: 'lookup',
          decision: null,
          dispute: null,
          createdAt: '2026-12-06T08:27:10.672+08:00',
        },
      },
    },
    'GET /api/v1/sharing/requests': { zh: '本部门发出的申请（outgoing）和针对本部门资源的申请（incoming）' },
    'GET /api/v1/sharing/requests/{id}': { zh: '查看一个共享申请' },
    'POST /api/v1/sharing/requests/{id}/decision': {
      zh: '审批：同意（全部或部分信息项）或附理由拒绝（提供部门审批人）',
      request: { decision: 'approve', items: ['公民身份号码', '参保状态'] },
    },
    'POST /api/v1/sharing/requests/{id}/dispute': {
      zh: '对拒绝、部分同意或逾期未答复的申请向大数据局提出异议',
    },
    'POST /api/v1/sharing/requests/{id}/arbitration': { zh: '裁决异议：授权、部分授权或维持（目录审核员）' },
    'GET /api/v1/sharing/disputes': { zh: '待大数据局处理的异议（目录审核员）' },
    'GET /api/v1/grants': { zh: '本部门获得的授权、本部门资源上的授权，或全部（大数据局）' },
    'GET /api/v1/grants/{id}': { zh: '查看一个授权', params: { id: GRANT } },
    'POST /api/v1/grants/{id}/revoke': {
      zh: '附理由撤销授权（提供部门审批人或管理员，或大数据局）',
      params: { id: GRANT },
    },
    'POST /api/v1/grants/{id}/limits': {
      zh: '收窄授权的使用方式：访问模式、每日额度、行范围（提供部门审批人或管理员，或大数据局）',
      params: { id: GRANT },
    },
    'POST /api/v1/grants/{id}/renewal': { zh: '申请续期：以该授权预填新的申请', params: { id: GRANT } },
  },
}
