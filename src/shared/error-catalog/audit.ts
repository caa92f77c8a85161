import type { ErrorSpec } from '../errors.js'

/** Audit (Art. 27, 29): the chained log, its writer, checkpoints and search. */
export const AUDIT_ERRORS = {
  AUDIT_UNAVAILABLE: {
    status: 503,
    zh: '访问日志暂时无法写入，为保证可追溯，本次查询未返回数据',
    en: 'The access log cannot be written right now, so no data was returned',
  },
  AUDIT_IMMUTABLE: { status: 409, zh: '审计日志不可修改或删除', en: 'Audit entries cannot be changed' },
  // issue 12: audit writer
  AUDIT_WRITE_FAILED: {
    status: 503,
    zh: '审计日志暂时无法写入，为保证可追溯，本次操作未执行，请稍后重试',
    en: 'The audit log cannot be written right now, so nothing was done; try again later',
  },
  // issue 12: checkpoints and proofs
  AUDIT_CHECKPOINT_NOT_FOUND: {
    status: 404,
    zh: '没有该树大小的已签名检查点',
    en: 'There is no signed checkpoint of that tree size',
  },
  AUDIT_PROOF_OUT_OF_RANGE: {
    status: 400,
    zh: '证明的范围超出最新已签名检查点，或起止序号无效',
    en: 'The proof reaches past the latest signed checkpoint, or its bounds are invalid',
  },
  AUDIT_CHECKPOINT_REFUSED: {
    status: 409,
    zh: '审计日志与上一检查点不一致，拒绝签发新检查点，请运行 govshare audit verify',
    en: 'The audit log does not extend the last checkpoint, so no new checkpoint is signed; run govshare audit verify',
  },
  // issue 12: audit search
  AUDIT_SEARCH_BAD_RANGE: {
    status: 400,
    zh: '起始日期晚于结束日期',
    en: 'The start date is after the end date',
  },
  AUDIT_EXPORT_TOO_LARGE: {
    status: 400,
    zh: '导出的日志条目过多，请缩小检索范围后再导出',
    en: 'Too many log entries to export; narrow the search first',
  },
} as const satisfies Record<string, ErrorSpec>
