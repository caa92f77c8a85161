/**
 * The closed vocabularies of the catalog (national compilation guide; API-CONTRACT.md) and their
 * labels: one table for the portal and the Excel workbook, so a value reads the same in both.
 * The portal imports this file, so it imports no server code.
 */
import type { Labels } from '../../shared/schema.js'

export const CATEGORIES = ['base', 'theme', 'department'] as const
export type Category = (typeof CATEGORIES)[number]

export const FORMATS = [
  'file',
  'spreadsheet',
  'database',
  'image',
  'stream',
  'self_describing',
  'other',
] as const
export type Format = (typeof FORMATS)[number]
export const SHARE_TYPES = ['unconditional', 'conditional', 'none'] as const
export type ShareType = (typeof SHARE_TYPES)[number]
export const SHARE_METHODS = ['api', 'database', 'file', 'email', 'media'] as const
export type ShareMethod = (typeof SHARE_METHODS)[number]
export const UPDATE_CYCLES = [
  'realtime',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'semiannual',
  'yearly',
  'other',
] as const
export type UpdateCycle = (typeof UPDATE_CYCLES)[number]
export const OPEN_TYPES = ['open', 'conditional', 'not_open'] as const
export type OpenType = (typeof OPEN_TYPES)[number]
export const ZONES = ['external', 'internal'] as const
export type Zone = (typeof ZONES)[number]

export const DATA_TYPES = ['string', 'integer', 'decimal', 'date', 'datetime', 'boolean'] as const
export type DataType = (typeof DATA_TYPES)[number]
export const SENSITIVITIES = [
  'none',
  'id_number',
  'phone',
  'name',
  'address',
  'bank_card',
  'email',
  'other_personal',
] as const
export type Sensitivity = (typeof SENSITIVITIES)[number]

/** Art. 11: base resources (基础信息资源) and theme resources (主题信息资源) by topic. */
export const BASE_THEMES = [
  'population',
  'legal_entity',
  'natural_resources',
  'social_credit',
  'e_licence',
] as const
export const THEME_TOPICS = [
  'health',
  'social_security',
  'food_drug',
  'work_safety',
  'prices',
  'energy',
  'urban_construction',
  'community',
  'ecology',
  'emergency',
] as const
export const THEMES = [...BASE_THEMES, ...THEME_TOPICS] as const
export type Theme = (typeof THEMES)[number]

export const RESOURCE_STATUSES = ['draft', 'submitted', 'returned', 'published', 'withdrawn'] as const
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number]

/** Art. 14-15 and the yearly confirmation: what a catalog deadline is for, and where it stands. */
export const DEADLINE_KINDS = ['county_filing', 'legal_change', 'annual_confirmation'] as const
export type DeadlineKind = (typeof DEADLINE_KINDS)[number]
export const DEADLINE_STATUSES = ['due', 'overdue', 'met'] as const
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number]

/** The top of the 类/项/目/细目 code tree: 1 base, 2 theme, 3 department resources. */
export const TOP_CLASS: Record<Category, string> = { base: '1', theme: '2', department: '3' }

/**
 * The 项 of each base resource (under 1) and theme topic (under 2), seeded by the catalog tree
 * migration; a base or theme resource without a class code is coded under its theme's 项.
 */
export const THEME_CLASS: Record<Theme, string> = {
  population: '101',
  legal_entity: '102',
  natural_resources: '103',
  social_credit: '104',
  e_licence: '105',
  health: '201',
  social_security: '202',
  food_drug: '203',
  work_safety: '204',
  prices: '205',
  energy: '206',
  urban_construction: '207',
  community: '208',
  ecology: '209',
  emergency: '210',
}

/** 类 1 digit, 项 +2, 目 +3, 细目 +3 (national compilation guide): the level of a code by its length. */
export const CLASS_LEVELS = ['class', 'item', 'entry', 'sub_entry'] as const
export type ClassLevel = (typeof CLASS_LEVELS)[number]
export const CLASS_LEVEL_LABELS: Labels<ClassLevel> = {
  class: { zh: '类', en: 'Class' },
  item: { zh: '项', en: 'Item' },
  entry: { zh: '目', en: 'Entry' },
  sub_entry: { zh: '细目', en: 'Sub-entry' },
}

export function isZone(value: string | undefined): value is Zone {
  return value === 'external' || value === 'internal'
}

/**
 * Chinese labels follow Art. 11-12 of Order No. 151 (categories, themes, share types) and the
 * national compilation guide (formats, share methods, data types); decisions.md §38.
 */
export const CATEGORY_LABELS: Labels<Category> = {
  base: { zh: '基础信息资源', en: 'Base resource' },
  theme: { zh: '主题信息资源', en: 'Theme resource' },
  department: { zh: '部门信息资源', en: 'Department resource' },
}

export const THEME_LABELS: Labels<Theme> = {
  population: { zh: '人口信息', en: 'Population' },
  legal_entity: { zh: '法人单位信息', en: 'Legal entities' },
  natural_resources: { zh: '自然资源和空间地理信息', en: 'Natural resources and geography' },
  social_credit: { zh: '社会信用信息', en: 'Social credit' },
  e_licence: { zh: '电子证照信息', en: 'E-licences' },
  health: { zh: '健康保障', en: 'Health' },
  social_security: { zh: '社会保障', en: 'Social security' },
  food_drug: { zh: '食品药品安全', en: 'Food and drugs' },
  work_safety: { zh: '安全生产', en: 'Work safety' },
  prices: { zh: '价格监管', en: 'Prices' },
  energy: { zh: '能源安全', en: 'Energy' },
  urban_construction: { zh: '城乡建设', en: 'Urban construction' },
  community: { zh: '社区治理', en: 'Community' },
  ecology: { zh: '生态环保', en: 'Ecology' },
  emergency: { zh: '应急维稳', en: 'Emergency' },
}

export const FORMAT_LABELS: Labels<Format> = {
  file: { zh: '电子文件', en: 'File' },
  spreadsheet: { zh: '电子表格', en: 'Spreadsheet' },
  database: { zh: '数据库', en: 'Database' },
  image: { zh: '图形图像', en: 'Image' },
  stream: { zh: '流媒体', en: 'Stream' },
  self_describing: { zh: '自描述格式', en: 'Self-describing' },
  other: { zh: '其他', en: 'Other' },
}

export const SHARE_TYPE_LABELS: Labels<ShareType> = {
  unconditional: { zh: '无条件共享', en: 'Unconditional' },
  conditional: { zh: '有条件共享', en: 'Conditional' },
  none: { zh: '不予共享', en: 'Not shared' },
}

export const SHARE_METHOD_LABELS: Labels<ShareMethod> = {
  api: { zh: '接口服务', en: 'API' },
  database: { zh: '库表交换', en: 'Database exchange' },
  file: { zh: '文件下载', en: 'File download' },
  email: { zh: '电子邮件', en: 'E-mail' },
  media: { zh: '介质拷贝', en: 'Media copy' },
}

export const OPEN_TYPE_LABELS: Labels<OpenType> = {
  open: { zh: '无条件开放', en: 'Open' },
  conditional: { zh: '有条件开放', en: 'Conditionally open' },
  not_open: { zh: '不予开放', en: 'Not open' },
}

export const UPDATE_CYCLE_LABELS: Labels<UpdateCycle> = {
  realtime: { zh: '实时', en: 'Real time' },
  daily: { zh: '每日', en: 'Daily' },
  weekly: { zh: '每周', en: 'Weekly' },
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
  semiannual: { zh: '每半年', en: 'Half-yearly' },
  yearly: { zh: '每年', en: 'Yearly' },
  other: { zh: '其他', en: 'Other' },
}

export const ZONE_LABELS: Labels<Zone> = {
  external: { zh: '政务外网', en: 'Extranet' },
  internal: { zh: '政务内网', en: 'Intranet' },
}

export const DATA_TYPE_LABELS: Labels<DataType> = {
  string: { zh: '字符型', en: 'Text' },
  integer: { zh: '整型', en: 'Integer' },
  decimal: { zh: '数值型', en: 'Decimal' },
  date: { zh: '日期型', en: 'Date' },
  datetime: { zh: '日期时间型', en: 'Date and time' },
  boolean: { zh: '逻辑型', en: 'Yes/no' },
}

export const SENSITIVITY_LABELS: Labels<Sensitivity> = {
  none: { zh: '非个人信息', en: 'Not personal' },
  id_number: { zh: '身份证号', en: 'ID number' },
  phone: { zh: '电话号码', en: 'Phone' },
  name: { zh: '姓名', en: 'Name' },
  address: { zh: '地址', en: 'Address' },
  bank_card: { zh: '银行卡号', en: 'Bank card' },
  email: { zh: '电子邮箱', en: 'E-mail' },
  other_personal: { zh: '其他个人信息', en: 'Other personal' },
}

export const RESOURCE_STATUS_LABELS: Labels<ResourceStatus> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待审核', en: 'In review' },
  returned: { zh: '已退回', en: 'Returned' },
  published: { zh: '已发布', en: 'Published' },
  withdrawn: { zh: '已撤销', en: 'Withdrawn' },
}

export const DEADLINE_KIND_LABELS: Labels<DeadlineKind> = {
  county_filing: { zh: '县区目录备案', en: 'County filing' },
  legal_change: { zh: '法律依据变更', en: 'Legal-basis change' },
  annual_confirmation: { zh: '年度确认', en: 'Annual confirmation' },
}

export const DEADLINE_STATUS_LABELS: Labels<DeadlineStatus> = {
  due: { zh: '待办', en: 'Due' },
  overdue: { zh: '已逾期', en: 'Overdue' },
  met: { zh: '已完成', en: 'Met' },
}

/**
 * Labels earlier catalog templates used (before §38 made the portal and the workbook agree): the
 * importer still reads them so workbooks filled in from an old template import unchanged.
 */
export const FORMER_EXCEL_LABELS = {
  category: { 基础: 'base', 主题: 'theme', 部门: 'department' },
  dataType: { 整数型: 'integer', 布尔型: 'boolean' },
  sensitivity: { 无: 'none' },
} as const satisfies {
  category: Readonly<Record<string, Category>>
  dataType: Readonly<Record<string, DataType>>
  sensitivity: Readonly<Record<string, Sensitivity>>
}
