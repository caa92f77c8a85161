import type { ErrorSpec } from '../errors.js'

/** Federation between platforms (Art. 21, 39; decisions §52). */
export const FEDERATION_ERRORS = {
  FEDERATION_MESSAGE_INVALID: {
    status: 400,
    zh: '平台间消息校验失败（签名、摘要或格式不符），未作任何处理',
    en: 'The platform message does not verify (signature, digest or format): nothing was done',
  },
  FEDERATION_PEER_UNKNOWN: {
    status: 403,
    zh: '发送方不是本平台已配置并启用的对接平台',
    en: 'The sender is not a peer platform configured and enabled here',
  },
  FEDERATION_NOT_ALLOWED: {
    status: 403,
    zh: '对接平台配置未允许此项共享（目录或该部门）',
    en: 'The peer configuration does not share this (the catalog, or this department)',
  },
  FEDERATION_PEER_NOT_FOUND: {
    status: 404,
    zh: '对接平台不存在',
    en: 'Peer platform not found',
  },
  FEDERATION_PEER_CONFLICT: {
    status: 409,
    zh: '该公钥已配置为另一个对接平台，或为本平台自己的公钥',
    en: "This public key is already another peer's, or this platform's own",
  },
  FEDERATION_SIGNING_KEY_REQUIRED: {
    status: 409,
    zh: '平台未配置 SM2 签名密钥（GOVSHARE_AUDIT_SIGNING_KEY），不能与其他平台对接',
    en: 'This platform has no SM2 signing key (GOVSHARE_AUDIT_SIGNING_KEY): it cannot federate',
  },
  FEDERATION_PEER_UNAVAILABLE: {
    status: 503,
    zh: '对接平台暂时无法访问，请稍后重试',
    en: 'The peer platform cannot be reached now; try again later',
  },
  FEDERATION_PEER_REFUSED: {
    status: 403,
    zh: '对接平台拒绝了该请求（原因见 details.code）',
    en: 'The peer platform refused the request (its code in details.code)',
  },
  FEDERATION_REMOTE_RESOURCE_NOT_FOUND: {
    status: 404,
    zh: '对接平台的资源不存在或已撤销',
    en: "The peer platform's resource does not exist or was withdrawn",
  },
  FEDERATION_GRANT_REQUIRED: {
    status: 403,
    zh: '本部门在对接平台上没有该资源的有效授权',
    en: "Your department holds no live grant of the peer platform's resource",
  },
  FEDERATION_REPORT_NOT_READY: {
    status: 409,
    zh: '只有已提交的全市年度报告可以报送上级平台',
    en: "Only the city's submitted annual report can be sent to the provincial platform",
  },
  FEDERATION_OUTBOX_NOT_FOUND: {
    status: 404,
    zh: '待发消息不存在',
    en: 'Outbox message not found',
  },
  FEDERATION_OUTBOX_NOT_DEAD: {
    status: 409,
    zh: '只有已停止重试的消息可以重新排队或丢弃',
    en: 'Only a message no longer retried (dead) can be requeued or discarded',
  },
} as const satisfies Record<string, ErrorSpec>
