import type { ErrorSpec } from '../errors.js'

/** Data quality: objections (Art. 26) and consistency checks (Art. 16-17). */
export const QUALITY_ERRORS = {
  QUALITY_RECORD_NOT_FOUND: {
    status: 404,
    zh: '没有该主键的记录，无法提出异议',
    en: 'No record has this key, so there is nothing to object to',
  },
  QUALITY_UNKNOWN_ITEM: {
    status: 400,
    zh: '信息项不属于该资源，或不在本部门的共享授权范围内',
    en: 'The item is not in the resource, or not granted to your department',
  },
  QUALITY_DUPLICATE_OBJECTION: {
    status: 409,
    zh: '本部门对该记录（信息项）已有待核实的异议',
    en: 'Your department already has an open objection on this record (item)',
  },
  QUALITY_OBJECTION_NOT_FOUND: { status: 404, zh: '异议不存在', en: 'No such objection' },
  QUALITY_ALREADY_ANSWERED: {
    status: 409,
    zh: '该异议已答复',
    en: 'The objection has been answered already',
  },
  QUALITY_REASON_REQUIRED: {
    status: 400,
    zh: '确认数据无误时必须说明理由',
    en: 'Confirming the record as correct needs a reason',
  },
  QUALITY_NOT_CORRECTED: {
    status: 409,
    zh: '异议提出后该记录未更新：请先通过数据接入更正记录，再答复已更正',
    en: 'The record has not changed since the objection: load the corrected record, then answer corrected',
  },
  QUALITY_CHECK_NOT_FOUND: { status: 404, zh: '比对规则不存在', en: 'No such consistency check' },
  QUALITY_CHECK_INVALID: {
    status: 400,
    zh: '比对规则无效：须比对两个不同的已发布资源中存在的信息项',
    en: 'A check compares existing items of two different published resources',
  },
  QUALITY_CHECK_KEY_MISMATCH: {
    status: 400,
    zh: '关联项须为各自资源的唯一主键，且两侧为同类数据',
    en: 'Each key item must be its resource’s only key item, and both of the same kind',
  },
  QUALITY_RUN_IN_PROGRESS: {
    status: 409,
    zh: '该比对正在运行，请稍后再试',
    en: 'This check is running right now; try again later',
  },
} as const satisfies Record<string, ErrorSpec>
