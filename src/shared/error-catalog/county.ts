import type { ErrorSpec } from '../errors.js'

/** County platform migration (Art. 21): why a whole export or one of its rows is refused. */
export const COUNTY_ERRORS = {
  COUNTY_EXPORT_INVALID: {
    status: 400,
    zh: '县级平台导出文件无法读取（缺少清单、格式不支持或内容不是预期的表格），未导入任何内容',
    en: 'The county export cannot be read (no manifest, an unsupported format or not the expected tables): nothing was imported',
  },
  COUNTY_UNKNOWN: {
    status: 404,
    zh: '清单中的县（区）不是本平台的部门，请先由大数据局建立该县（区）',
    en: 'The county named in the manifest is not a department here: the bureau creates it first',
  },
  COUNTY_ROW_INVALID: {
    status: 400,
    zh: '该行缺少必填字段或取值不合规范',
    en: 'The row misses a required field or holds a value outside the format',
  },
  COUNTY_DEPARTMENT_UNKNOWN: {
    status: 404,
    zh: '该行所属部门不在本平台（部门由大数据局建立，迁移不创建部门）',
    en: 'The row names a department this platform does not hold (the bureau creates departments; a migration does not)',
  },
  COUNTY_DEPARTMENT_OUTSIDE: {
    status: 403,
    zh: '该部门不属于清单中的县（区）',
    en: 'The department is not under the county the manifest names',
  },
  COUNTY_RESOURCE_UNKNOWN: {
    status: 404,
    zh: '该行引用的资源不在导出目录中，或其目录行已被拒绝',
    en: 'The row refers to a resource the export does not catalog, or whose catalog row was refused',
  },
  COUNTY_DUPLICATE_KEY: {
    status: 409,
    zh: '同一编码或主键在导出中出现两次，仅导入第一次出现的行',
    en: 'The same code or key appears twice in the export: only its first row is imported',
  },
  COUNTY_PROVIDER_MOVED: {
    status: 409,
    zh: '该资源此前迁移时属于另一个部门，迁移不改变资源的提供部门',
    en: 'An earlier migration gave this resource another provider: a migration does not move a resource',
  },
  COUNTY_GRANT_REVOKED: {
    status: 409,
    zh: '该授权迁移后已在本平台撤销，迁移不恢复已撤销的授权',
    en: 'This grant was revoked here after it was migrated: a migration does not bring a revoked grant back',
  },
  COUNTY_RUN_IN_PROGRESS: {
    status: 409,
    zh: '该县（区）另一份导出的迁移尚未完成，请先以同一份导出续跑完成',
    en: 'Another export of this county is being migrated: resume and finish that run first, with the same export',
  },
  COUNTY_PLAN_STALE: {
    status: 409,
    zh: '数据在预演后发生变化，实际结果与计划不一致，本批次已回滚，请重新运行',
    en: 'The data changed after planning and a batch would not do what the plan said: it was rolled back; run again',
  },
  COUNTY_IMPORT_NOT_FOUND: {
    status: 404,
    zh: '没有该编号的县级平台导出，请先上传导出并查看预演结果',
    en: 'No uploaded county export has this id: upload the export and see its dry run first',
  },
  COUNTY_EXPORT_CHANGED: {
    status: 409,
    zh: '导出文件与预演时的不同（SM3 摘要与编号不符），未导入任何内容；请重新上传并查看新的预演结果',
    en: 'This export is not the one planned (its SM3 digest differs from the id): nothing was imported; upload it again and see its dry run',
  },
  COUNTY_IMPORT_STALE: {
    status: 409,
    zh: '预演后平台数据已变化，现在执行的结果将与您确认的预演不同，未导入任何内容；请重新预演并确认新的结果',
    en: 'The platform changed since the dry run: applying now would not do what the confirmed plan says. Nothing was imported; run the dry run again and confirm its new plan',
  },
} as const satisfies Record<string, ErrorSpec>
