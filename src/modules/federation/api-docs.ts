/** The federation module's words in the API reference (decisions §48, §52; English: routes.ts). */
import type { ApiDocs } from '../../shared/api-docs.js'

export const federationApiDocs: ApiDocs = {
  params: {
    peerId: { zh: '对接平台 ID', en: 'Peer platform id' },
    status: { zh: '消息状态', en: 'Message state' },
    key: {
      zh: '记录主键值（多个主键以 | 连接）',
      en: "The record's key value (several key items joined by |)",
    },
    caseRef: { zh: '办件编号等查询事由', en: 'The case the read serves (e.g. an application number)' },
    q: { zh: '按名称、摘要或编码检索', en: 'Search by name, summary or code' },
  },
  operations: {
    'POST /api/v1/federation/messages': {
      zh: '对接平台发来的签名消息（无需令牌，校验发送方 SM2 签名）',
      description: {
        zh: '平台间接口（第二十一条）：message 为对接平台发给本平台的签名消息的规范 JSON；回复为本平台签名的回复。任一字节被改动返回 400 FEDERATION_MESSAGE_INVALID 并记入审计；未配置或已停用的发送方返回 403 FEDERATION_PEER_UNKNOWN；配置未允许的返回 403 FEDERATION_NOT_ALLOWED。',
      },
    },
    'GET /api/v1/federation/identity': { zh: '本平台的 SM2 公钥，交给对接平台管理员配置（系统管理员）' },
    'GET /api/v1/federation/peers': { zh: '对接平台及其状态、待发消息数（系统管理员）' },
    'POST /api/v1/federation/peers': {
      zh: '配置对接平台：地址、SM2 公钥、层级、共享内容（记入审计）',
      request: {
        name: '云南省政务数据共享平台',
        baseUrl: 'https://province.example.gov.cn',
        publicKey: `04${'a'.repeat(128)}`,
        role: 'province',
        sharesCatalog: true,
        departmentCodes: [],
      },
    },
    'GET /api/v1/federation/peers/{id}': { zh: '一个对接平台及其状态' },
    'PATCH /api/v1/federation/peers/{id}': { zh: '修改对接平台配置（记入审计）' },
    'GET /api/v1/federation/outbox': {
      zh: '发往对接平台的消息队列：尝试次数、下次重试时间、最近错误（可按状态筛选，如 dead 已停止重试）',
    },
    'POST /api/v1/federation/outbox/{id}/requeue': {
      zh: '将已停止重试的消息重新排队，下次同步时投递（记入审计）',
      description: {
        zh: '仅限 dead 状态（被对接平台拒绝，或连续一周投递失败），否则返回 409 FEDERATION_OUTBOX_NOT_DEAD。重发原签名消息；如对方或本平台公钥已更换，则按现配置重新签名。',
      },
    },
    'POST /api/v1/federation/outbox/{id}/discard': { zh: '丢弃已停止重试的消息，仍保留在列表中（记入审计）' },
    'POST /api/v1/federation/sync': { zh: '立即与全部对接平台同步：推送目录、投递队列、拉取省级目录' },
    'GET /api/v1/federation/remote-resources': { zh: '对接平台的共享目录（本平台镜像，只读）' },
    'GET /api/v1/federation/remote-resources/{id}': { zh: '对接平台目录中的一个资源' },
    'POST /api/v1/federation/remote-resources/{id}/requests': {
      zh: '申请对接平台的资源，由提供方平台审批（数据使用人员）',
      request: { items: ['统一社会信用代码', '企业名称'], purpose: '核验企业登记信息' },
    },
    'GET /api/v1/federation/remote-requests': {
      zh: '向对接平台提出的申请及提供方的答复（本部门；大数据局：全部）',
    },
    'GET /api/v1/federation/remote-resources/{id}/records/{key}': {
      zh: '在对接平台授权下按主键查询一条记录，由提供方脱敏',
      description: {
        zh: '经两级平台查询：提供方平台核对其对本部门的授权、按其规则脱敏并记录；本平台以同一 correlationId 记录。本平台无授权：403 FEDERATION_GRANT_REQUIRED；提供方拒绝：403 FEDERATION_PEER_REFUSED（原因见 details.code）；提供方不可达：503。',
      },
    },
    'POST /api/v1/federation/reports/{id}/send': {
      zh: '将已提交的全市年度报告报送省级平台（第三十九条，大数据局）',
    },
    'GET /api/v1/federation/reports/{id}/deliveries': { zh: '年度报告的报送状态及省级平台回执' },
    'GET /api/v1/federation/received-reports': { zh: '下级平台报送的年度报告（省级一侧，大数据局）' },
  },
}
