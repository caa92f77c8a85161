/**
 * The one table of linked items (docs/masking.md): which item names tell part of a masked personal
 * value, and which personal kind they narrow. Names are matched normalised, so 出生日期, 出生 日期,
 * 出生日期（公历） and 出生日期 in traditional characters are one name. Pure.
 */
import type { Sensitivity } from '../../../shared/masking.js'

export type LinkId =
  | 'birth_date'
  | 'age'
  | 'birth_derived'
  | 'gender'
  | 'region_code'
  | 'place'
  | 'postcode'
  | 'name_spelling'
  | 'qq_number'

export interface LinkRule {
  id: LinkId
  /** The personal kinds whose masked part this item narrows: the rule applies only with one of them. */
  narrows: readonly Sensitivity[]
  /** On the normalised name; a rule matches when one pattern does. First rule in table order wins. */
  names: readonly RegExp[]
  /** Leading digits kept of a value made only of digits (a region code): 0 hides the value whole. */
  keepDigits: number
}

/**
 * Order matters where names overlap: 户籍所在地代码 is a region code before it is a place. The
 * English birth names are whole words, so "birthplace" falls to place.
 */
export const LINK_RULES: readonly LinkRule[] = [
  {
    // The 8 digits an ID number's mask hides are the birth date: any form of it gives them back.
    id: 'birth_date',
    narrows: ['id_number'],
    names: [
      /出生(年|月|日|时)/,
      /生日|诞辰|诞生日|^出生$/,
      /^(dob|birthday|birthdate|dateofbirth|birthyear|yearofbirth)$/,
    ],
    keepDigits: 0,
  },
  {
    // Age with the read date is the birth year (±1); a yes/no "已满18周岁" splits the candidates too.
    id: 'age',
    narrows: ['id_number'],
    names: [/年龄|周岁|岁数|虚岁|满\d*岁|成年/, /^age(group|range|band)?$/],
    keepDigits: 0,
  },
  {
    // Each tells a function of the birth date: year mod 12, a month-day window, birth year + 60.
    id: 'birth_derived',
    narrows: ['id_number'],
    names: [/生肖|属相|星座|退休(日期|时间|年月|年份|年度)/, /zodiac|retirementdate/],
    keepDigits: 0,
  },
  {
    // The 17th digit; with region and birth date the classic quasi-identifier triple; given names are gendered.
    id: 'gender',
    narrows: ['id_number', 'name'],
    names: [/性别/, /^(sex|gender)$/],
    keepDigits: 0,
  },
  {
    // A 6-digit code (more for street level): province, city, district; the address mask shows about
    // province and city, so the first 4 digits stay.
    id: 'region_code',
    narrows: ['address'],
    names: [
      /区划|行政区(代码|编码|码)|地区(代码|编码|码)|区域(代码|编码|码)|(所在地|户籍地|户口)(代码|编码|码)/,
      /^adcode$|regioncode|divisioncode|districtcode|areacode/,
    ],
    keepDigits: 4,
  },
  {
    // Anything naming where the person lives below the city: the part of the address the mask hides.
    id: 'place',
    narrows: ['address'],
    names: [
      /地址|住址|住所|区县|县区|县市区|所属区|所在区|行政区|^区$|^县$|街道|乡镇|^镇$|^乡$|社区|居委|村委|行政村|自然村|^村$/,
      /小区|门牌|楼栋|楼号|单元号|房号|网格|经度|纬度|坐标|籍贯|出生地|所在地|户籍地|户口地|居住地|现居/,
      /address|district|street|county|township|village|community|latitude|longitude|^(lat|lng|lon)$/,
      /birthplace|hometown|nativeplace/,
    ],
    keepDigits: 0,
  },
  {
    // A postcode's digits narrow the delivery area to a district or a few streets.
    id: 'postcode',
    narrows: ['address'],
    names: [/邮编|邮政编码|邮码|邮递区号/, /^zip|postcode|postalcode/],
    keepDigits: 0,
  },
  {
    // Pinyin or a former name spells out the given name the name mask hides.
    id: 'name_spelling',
    narrows: ['name'],
    names: [/拼音|英文名|外文名|曾用名|别名/, /pinyin|englishname|^alias/],
    keepDigits: 0,
  },
  {
    // A QQ mailbox's local part is the QQ number.
    id: 'qq_number',
    narrows: ['email'],
    names: [/qq/],
    keepDigits: 0,
  },
]

/** The rule an item name falls under, if any. */
export function linkRuleFor(name: string): LinkRule | undefined {
  const normal = normalizeItemName(name)
  return LINK_RULES.find((rule) => rule.names.some((pattern) => pattern.test(normal)))
}

/**
 * NFKC (full-width → half-width), lower case, the table's traditional characters → simplified, and
 * only letters and digits kept (spaces, brackets, underscores go).
 */
export function normalizeItemName(name: string): string {
  let out = ''
  for (const char of name.normalize('NFKC').toLowerCase()) {
    if (/[\p{L}\p{N}]/u.test(char)) {
      out += SIMPLIFIED[char] ?? char
    }
  }
  return out
}

// Only the characters the table uses: a full converter would be a dependency for a few names.
const SIMPLIFIED: Readonly<Record<string, string>> = {
  齡: '龄',
  別: '别',
  區: '区',
  劃: '划',
  碼: '码',
  編: '编',
  貫: '贯',
  郵: '邮',
  遞: '递',
  號: '号',
  縣: '县',
  鄉: '乡',
  鎮: '镇',
  歲: '岁',
  數: '数',
  虛: '虚',
  滿: '满',
  時: '时',
  屬: '属',
  戶: '户',
  門: '门',
  樓: '楼',
  棟: '栋',
  單: '单',
  網: '网',
  經: '经',
  緯: '纬',
  標: '标',
  誕: '诞',
  週: '周',
  現: '现',
  間: '间',
}
