/** The audit module's words in the API reference (decisions §48; English: the route files). */
import type { ApiDocs } from '../../shared/api-docs.js'

export const auditApiDocs: ApiDocs = {
  params: {
    afterSeq: {
      zh: '只返回序号大于此值的条目（增量拉取）',
      en: 'Only entries after this seq (incremental pulls)',
    },
    departmentId: { zh: '操作者所在部门 ID', en: 'The acting department’s id' },
    resourceId: {
      zh: '资源 ID：该资源及其上的授权和申请相关的条目',
      en: 'Resource id: entries about the resource and the grants and requests on it',
    },
    caseRef: { zh: '事项或案件编号（精确匹配）', en: 'Case reference (exact match)' },
    order: {
      zh: 'desc：最新在前（默认）；asc：最早在前',
      en: 'desc: newest first (default); asc: oldest first',
    },
    actor: {
      zh: '用户名、客户端 ID、姓名或客户端名称（或其一部分）',
      en: 'A username, client id, display name or client name, or a part of one',
    },
    actorType: { zh: 'user：用户；client：API 客户端', en: 'user or client (API client)' },
    category: { zh: '审计动作类别', en: 'Audit action category' },
    from: {
      zh: '起始日期 YYYY-MM-DD（含，北京时间）',
      en: 'First day, YYYY-MM-DD (inclusive, Beijing time)',
    },
    to: { zh: '截止日期 YYYY-MM-DD（含，北京时间）', en: 'Last day, YYYY-MM-DD (inclusive, Beijing time)' },
    format: { zh: '导出格式：csv 或 xlsx', en: 'Export format: csv or xlsx' },
    q: { zh: '资源名称或编码的一部分', en: 'A part of the resource’s name or code' },
    latest: { zh: '只返回最新的检查点', en: 'Only the latest checkpoint' },
    size: { zh: '树大小（检查点覆盖的条目数）', en: 'Tree size (entries the checkpoint covers)' },
    seq: { zh: '条目序号', en: 'Entry seq' },
    treeSize: { zh: '证明所针对的树大小', en: 'Tree size the proof is for' },
  },
  operations: {
    'GET /.well-known/govshare-audit-keys.json': { zh: '审计检查点的 SM2 公钥' },
    'GET /api/v1/audit/entries': { zh: '按序号排列的审计日志条目（审计员）' },
    'GET /api/v1/audit/verify': { zh: '校验整个日志的 SM3 哈希链' },
    'GET /api/v1/audit/checkpoints': { zh: '审计日志的签名检查点，最新在前（任何登录者）' },
    'GET /api/v1/audit/checkpoints/{size}': { zh: '某一树大小的签名检查点' },
    'GET /api/v1/audit/proofs/inclusion': {
      zh: 'RFC 6962 包含证明：序号 seq 的条目在大小为 treeSize 的树中（审计员）',
    },
    'GET /api/v1/audit/proofs/consistency': {
      zh: 'RFC 6962 一致性证明：大小为 to 的树是大小为 from 的树的延伸',
      params: {
        from: { zh: '较早的树大小', en: 'The earlier tree size' },
        to: { zh: '较晚的树大小', en: 'The later tree size' },
      },
    },
    'GET /api/v1/audit/actions': { zh: '全部审计动作及其中英文名称和类别（审计员）' },
    'GET /api/v1/audit/search': {
      zh: '检索审计日志，最新在前，附名称和标签（审计员）',
      description: {
        zh: '日期为北京时间，首尾均含。actor 匹配用户名、客户端 ID、姓名或客户端名称的一部分。resourceId 找出关于该资源及其上授权和申请的条目。caseRef 为精确的事项编号。',
      },
    },
    'POST /api/v1/audit/search/by-key': {
      zh: '按记录明文主键查找读取（或被拒绝读取）该记录的条目；本次检索记入日志',
    },
    'GET /api/v1/audit/search/export': { zh: '以 CSV 或 .xlsx 导出检索结果（最多 50 000 条）；导出记入日志' },
    'GET /api/v1/audit/resources': { zh: '按名称或编码片段查找任何状态的资源，用于筛选日志' },
  },
}
