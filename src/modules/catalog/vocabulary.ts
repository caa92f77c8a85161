/** The closed vocabularies of the catalog (national compilation guide; API-CONTRACT.md). */

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
export const SHARE_TYPES = ['unconditional', 'conditional', 'none'] as const
export type ShareType = (typeof SHARE_TYPES)[number]
export const SHARE_METHODS = ['api', 'database', 'file', 'email', 'media'] as const
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
export const OPEN_TYPES = ['open', 'conditional', 'not_open'] as const
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

export const RESOURCE_STATUSES = ['draft', 'submitted', 'returned', 'published', 'withdrawn'] as const
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number]

/** The top of the 类/项/目/细目 code tree: 1 base, 2 theme, 3 department resources. */
export const TOP_CLASS: Record<Category, string> = { base: '1', theme: '2', department: '3' }

export function isZone(value: string | undefined): value is Zone {
  return value === 'external' || value === 'internal'
}
