import type { ErrorSpec } from '../errors.js'

/** Catalog (Art. 10-19): resources, items, review, Excel import, IT projects. */
export const CATALOG_ERRORS = {
  CATALOG_LEGAL_BASIS_REQUIRED: {
    status: 400,
    zh: '有条件共享或不予共享的资源必须注明法律、行政法规或党中央、国务院政策依据',
    en: 'A conditional or none share type needs its legal basis (law, regulation or central policy)',
  },
  CATALOG_BASE_MUST_BE_UNCONDITIONAL: {
    status: 400,
    zh: '基础信息资源必须无条件共享',
    en: 'Base resources must be shared unconditionally',
  },
  CATALOG_KEY_REQUIRED: {
    status: 400,
    zh: '至少须有一个信息项标记为主键',
    en: 'At least one item must be a key item',
  },
  CATALOG_DUPLICATE_ITEM: {
    status: 400,
    zh: '同一资源中信息项名称重复',
    en: 'Two items of the resource have the same name',
  },
  CATALOG_THEME_MISMATCH: {
    status: 400,
    zh: '主题与资源分类不符（基础类须选基础主题，主题类须选主题领域）',
    en: 'The theme does not fit the category (base themes for base resources, topics for theme resources)',
  },
  CATALOG_CLASS_NOT_FOUND: { status: 400, zh: '资源分类代码不存在', en: 'No such catalog class code' },
  CATALOG_CLASS_EXISTS: { status: 409, zh: '该资源分类代码已存在', en: 'This class code exists already' },
  CATALOG_CLASS_MISMATCH: {
    status: 400,
    zh: '资源分类代码与资源分类不符',
    en: 'The class code does not belong to the resource category',
  },
  CATALOG_CLASS_TOO_BROAD: {
    status: 400,
    zh: '资源分类代码须细化到“项”一级或以下（类代码后加两位项代码）',
    en: 'A resource is coded at the item level or below: add the two-digit item code to the class code',
  },
  CATALOG_CLASS_RESERVED: {
    status: 400,
    zh: '部门信息资源下的“项”由平台按部门自动分配，只能在其下添加“目”和“细目”',
    en: 'Items under department resources are allocated one per department: add only entries and sub-entries under them',
  },
  CATALOG_CLASS_CODES_EXHAUSTED: {
    status: 409,
    zh: '该分类下的两位“项”代码已用完（最多 99 个），请联系大数据管理部门调整目录分类',
    en: 'All 99 two-digit item codes of this class are taken: ask the bureau to rearrange the catalog tree',
  },
  CATALOG_RELATED_NOT_FOUND: {
    status: 400,
    zh: '关联资源代码须为其他已编目资源的资源代码',
    en: 'A related resource code must be the code of another cataloged resource',
  },
  CATALOG_NOT_LEAD_DEPARTMENT: {
    status: 403,
    zh: '基础信息资源和主题信息资源只能由大数据管理部门指定的牵头部门编制',
    en: 'Only the lead department assigned by the bureau may catalog this base or theme resource',
  },
  CATALOG_AUTHORITATIVE_ITEM_EXISTS: {
    status: 409,
    zh: '该信息项已有权威来源部门，请引用权威信息项（一数一源）',
    en: 'This item already has an authoritative source: reference it (one data, one source)',
  },
  CATALOG_AUTHORITATIVE_REFERENCE_INVALID: {
    status: 400,
    zh: '引用的权威信息项不存在或不是权威项',
    en: 'The referenced authoritative item does not exist or is not authoritative',
  },
  CATALOG_ELEMENT_SOURCE_EXISTS: {
    status: 409,
    zh: '该数据元已有其他部门的权威信息项，不能再指定第二个权威来源（一数一源）',
    en: 'Another department already provides this data element authoritatively: it cannot have a second source (one data, one source)',
  },
  CATALOG_ELEMENT_UNKNOWN: {
    status: 400,
    zh: '数据元代码不在数据元目录中',
    en: 'No such data element code in the dictionary',
  },
  CATALOG_ELEMENT_NOT_FOUND: { status: 404, zh: '数据元不存在', en: 'No such data element' },
  CATALOG_ELEMENT_EXISTS: {
    status: 409,
    zh: '该数据元代码已存在',
    en: 'This data element code exists already',
  },
  CATALOG_ELEMENT_NAME_TAKEN: {
    status: 409,
    zh: '该名称或同义词已属于另一个数据元',
    en: 'This name or synonym already belongs to another data element',
  },
  CATALOG_ELEMENT_NAME_INVALID: {
    status: 400,
    zh: '数据元名称或同义词须含有文字或数字',
    en: 'A data element name or synonym must hold letters or digits',
  },
  CATALOG_RESOURCE_NOT_FOUND: { status: 404, zh: '资源不存在', en: 'No such resource' },
  CATALOG_ITEM_NOT_FOUND: { status: 404, zh: '信息项不存在', en: 'No such item' },
  CATALOG_INVALID_STATE: {
    status: 409,
    zh: '资源当前状态不允许该操作',
    en: 'The resource is not in a state that allows this',
  },
  CATALOG_IMPORT_INVALID: {
    status: 400,
    zh: '导入文件有错误行，未保存任何内容',
    en: 'The import has bad rows; nothing was stored',
  },
  // Codes of the cells an Excel import names in CATALOG_IMPORT_INVALID's details.problems.
  CATALOG_IMPORT_FILE_UNREADABLE: {
    status: 400,
    zh: '导入文件不是有效的 Excel 工作簿（.xlsx）',
    en: 'The file is not a valid Excel workbook (.xlsx)',
  },
  CATALOG_IMPORT_TEMPLATE_MISMATCH: {
    status: 400,
    zh: '导入文件不符合目录模板：缺少工作表或必需的列',
    en: 'The file does not follow the catalog template: a sheet or a required column is missing',
  },
  CATALOG_IMPORT_EMPTY: { status: 400, zh: '导入文件中没有任何资源行', en: 'The file has no resource rows' },
  CATALOG_IMPORT_CELL_REQUIRED: { status: 400, zh: '必填单元格为空', en: 'A required cell is empty' },
  CATALOG_IMPORT_CELL_UNKNOWN_VALUE: {
    status: 400,
    zh: '单元格的取值不在可选列表中',
    en: 'The cell holds a value that is not in its list',
  },
  CATALOG_IMPORT_CELL_INVALID: {
    status: 400,
    zh: '单元格内容不符合要求（长度、格式或数值）',
    en: 'The cell does not fit its length, format or range',
  },
  CATALOG_IMPORT_ITEM_ORPHAN: {
    status: 400,
    zh: '信息项行没有对应的资源行',
    en: 'The item row points at no resource row',
  },
  CATALOG_IMPORT_NO_ITEMS: { status: 400, zh: '资源没有任何信息项', en: 'The resource has no items' },
  CATALOG_IMPORT_DUPLICATE_ROW: {
    status: 400,
    zh: '资源序号或资源代码在文件中重复',
    en: 'The row number or resource code appears twice in the file',
  },
  CATALOG_SYNONYM_INVALID: {
    status: 400,
    zh: '同义词词条和扩展词须各为 2 个以上汉字、字母或数字组成的一个词，扩展词 1 至 10 个且不能只有词条本身',
    en: 'A synonym term and each expansion must be one word of 2+ letters or digits, with 1 to 10 expansions other than the term',
  },
  CATALOG_SYNONYM_NOT_FOUND: { status: 404, zh: '检索同义词不存在', en: 'No such search synonym' },
  CATALOG_PROJECT_NOT_FOUND: { status: 404, zh: '信息化项目不存在', en: 'No such IT project' },
  CATALOG_PROJECT_NO_CATALOG: {
    status: 409,
    zh: '信息化项目须先编制政务信息资源目录，方可审批',
    en: 'An IT project needs its resource catalog compiled before approval',
  },
  CATALOG_PROJECT_NOT_READY: {
    status: 409,
    zh: '项目的信息资源尚未全部发布到共享平台，不能验收',
    en: 'Not all of the project’s resources are published on the platform: it cannot be accepted',
  },
  CATALOG_COMMENT_REQUIRED: { status: 400, zh: '退回时必须填写审核意见', en: 'A return needs a comment' },
} as const satisfies Record<string, ErrorSpec>
