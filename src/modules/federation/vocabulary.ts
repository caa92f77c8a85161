/** Federation's closed vocabularies and their labels, shared by the server and the portal (§52, §58). */
import type { Labels } from '../../shared/schema.js'

export const PEER_STATE_LABELS: Labels<'unknown' | 'up' | 'down'> = {
  unknown: { zh: '未连接', en: 'Not yet reached' },
  up: { zh: '正常', en: 'Up' },
  down: { zh: '不可达', en: 'Down' },
}

export const PEER_ROLE_LABELS: Labels<'province' | 'city'> = {
  province: { zh: '上级平台', en: 'Provincial platform' },
  city: { zh: '下级平台', en: 'City platform' },
}

export const OUTBOX_STATUS_LABELS: Labels<'pending' | 'delivered' | 'dead' | 'discarded'> = {
  pending: { zh: '待投递', en: 'Queued' },
  delivered: { zh: '已送达', en: 'Delivered' },
  dead: { zh: '已停止重试', en: 'Dead' },
  discarded: { zh: '已丢弃', en: 'Discarded' },
}

/** What a queued message carries (the kinds that wait in the outbox). */
export const MESSAGE_KIND_LABELS: Labels<'catalog' | 'request' | 'report'> = {
  catalog: { zh: '目录变更', en: 'Catalog changes' },
  request: { zh: '共享申请', en: 'Sharing application' },
  report: { zh: '年度报告', en: 'Annual report' },
}

/** A cross-level application as the applying platform knows it: sending, then the provider's status. */
export const REMOTE_REQUEST_STATUS_LABELS: Labels<
  'sending' | 'pending' | 'overdue' | 'granted' | 'rejected' | 'disputed' | 'refused'
> = {
  sending: { zh: '发送中', en: 'Sending' },
  pending: { zh: '上级平台审批中', en: 'Pending at the provider' },
  overdue: { zh: '上级平台已超期', en: 'Overdue at the provider' },
  granted: { zh: '已授权', en: 'Granted' },
  rejected: { zh: '已拒绝', en: 'Refused' },
  disputed: { zh: '争议中', en: 'Disputed' },
  refused: { zh: '上级平台不予受理', en: 'Not accepted by the provider' },
}
