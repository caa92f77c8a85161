import type { ErrorSpec } from '../errors.js'

/** Network zones (Art. 20, 33): what an external instance refuses, and the one-way bundles. */
export const ZONE_ERRORS = {
  ZONE_NOT_ALLOWED: {
    status: 403,
    zh: '本实例为政务外网实例，不得保存或提供政务内网的部门、用户、目录或数据',
    en: 'This is an external-network instance: it holds no internal-network department, user, catalog entry or data',
  },
  ZONE_BUNDLE_INVALID: {
    status: 400,
    zh: '跨网交换包校验失败（签名或摘要不符、格式错误），未导入任何内容',
    en: 'The zone bundle does not verify (signature, digest or format): nothing was imported',
  },
  ZONE_BUNDLE_WRONG_INSTANCE: {
    status: 409,
    zh: '跨网交换包只能由政务内网实例导出、由政务外网实例导入',
    en: 'Zone bundles are exported by an internal instance and imported by an external one',
  },
  ZONE_PEER_KEY_REQUIRED: {
    status: 400,
    zh: '导入跨网交换包须配置内网实例的 SM2 公钥（GOVSHARE_ZONE_PEER_KEY）',
    en: "Importing a zone bundle needs the internal instance's SM2 public key (GOVSHARE_ZONE_PEER_KEY)",
  },
  ZONE_TRANSFER_KEY_REQUIRED: {
    status: 400,
    zh: '交换包含数据记录：两端实例须配置同一传输密钥（GOVSHARE_ZONE_TRANSFER_KEY）',
    en: 'The bundle carries records: both instances need the same transfer key (GOVSHARE_ZONE_TRANSFER_KEY)',
  },
  ZONE_BUNDLE_CONFLICT: {
    status: 409,
    zh: '交换包中的资源或提供部门与本实例的数据不一致（部门不存在、编码已被占用），未导入任何内容',
    en: 'A resource or provider in the bundle does not match this instance (unknown department, code taken): nothing was imported',
  },
} as const satisfies Record<string, ErrorSpec>
