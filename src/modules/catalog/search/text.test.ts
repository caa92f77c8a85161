import { describe, expect, it } from 'vitest'
import {
  ALL_TAG,
  ftsColumn,
  GAP_TOKEN,
  indexDocument,
  MAX_POSITION,
  normalizeText,
  queryTerms,
  runTokens,
  type SearchTags,
  tagToken,
  textRuns,
  toFtsQuery,
  toTsquery,
  tsvectorLiteral,
} from './text.js'

const TAGS: SearchTags = {
  providerId: 'A1B2-c3',
  shareType: 'conditional',
  category: 'theme',
  theme: 'social_security',
  format: 'self_describing',
  updateCycle: 'monthly',
  zone: 'internal',
}

describe('normalizeText', () => {
  it('turns traditional characters into simplified ones, character by character', () => {
    expect(normalizeText('公民身份證號碼')).toBe('公民身份证号码')
    expect(normalizeText('醫療保險 戶籍 衛生')).toBe('医疗保险 户籍 卫生')
    // Hong Kong / Taiwan variant forms reach the same simplified character.
    expect(normalizeText('臺灣')).toBe(normalizeText('台湾'))
  })

  it('leaves simplified text alone and is idempotent', () => {
    const text = '公民身份证号码、社会保险登记信息'
    expect(normalizeText(text)).toBe(text)
    for (let code = 0x4e00; code < 0x9fff; code += 1) {
      const once = normalizeText(String.fromCodePoint(code))
      expect(normalizeText(once)).toBe(once)
    }
  })

  it('folds full-width forms and case', () => {
    expect(normalizeText('ＡＰＩ接口１２３')).toBe('api接口123')
    expect(normalizeText('Email')).toBe('email')
  })
})

describe('textRuns and runTokens', () => {
  it('splits on anything that is not a letter or a digit', () => {
    expect(textRuns('统一社会信用代码（18位）、法人-代表 a1 x')).toEqual([
      '统一社会信用代码',
      '18位',
      '法人',
      '代表',
      'a1',
      'x',
    ])
  })

  it('makes bigrams of a run, and a one-character run its own token', () => {
    expect(runTokens('身份证')).toEqual(['身份', '份证'])
    expect(runTokens('人')).toEqual(['人'])
    expect(runTokens('𠀀𠀁𠀂')).toEqual(['𠀀𠀁', '𠀁𠀂'])
  })
})

describe('queryTerms', () => {
  it('keeps runs of two or more characters as phrases and single characters apart', () => {
    expect(queryTerms('身份證 號 ab')).toEqual({
      phrases: [['身份', '份证'], ['ab']],
      titlePhrases: [['n身份', 'n份证'], ['nab']],
      singles: ['号'],
    })
    expect(queryTerms('  ！？ ')).toEqual({ phrases: [], titlePhrases: [], singles: [] })
    expect(queryTerms(undefined).phrases).toEqual([])
  })
})

describe('indexDocument', () => {
  const doc = indexDocument(
    { name: '人口 口岸', summary: '记录公民身份號碼', itemNames: ['姓名', '性别'] },
    TAGS,
  )

  it('puts a gap between runs, so a phrase never joins two of them', () => {
    expect(doc.name.tokens).toEqual(['人口', null, '口岸'])
    expect(doc.items.tokens).toEqual(['姓名', null, '性别'])
    expect(ftsColumn(doc.name)).toBe(`人口 ${GAP_TOKEN} 口岸`)
  })

  it('adds marked name bigrams and tags that no bigram can equal', () => {
    expect(doc.title.tokens).toEqual(['n人口', null, 'n口岸'])
    expect(doc.tags).toEqual([
      ALL_TAG,
      'zzpa1b2c3',
      'zzsconditional',
      'zzctheme',
      'zztsocialsecurity',
      'zzfselfdescribing',
      'zzumonthly',
      'zzzinternal',
    ])
    expect(tagToken('shareType', 'none')).toBe('zzsnone')
  })

  it('numbers positions across fields as PostgreSQL will see them', () => {
    expect(doc.starts).toEqual({ name: 1, summary: 5, items: 13, title: 17 })
    const literal = tsvectorLiteral(doc)
    expect(literal).toContain("'人口':1")
    expect(literal).toContain("'口岸':3")
    expect(literal).toContain("'号码':11")
    expect(literal).toContain("'zzsconditional'")
  })

  it('drops what PostgreSQL cannot keep, the same way for both databases', () => {
    const many = indexDocument(
      { name: 'x', summary: '', itemNames: Array.from({ length: 300 }, () => '编号') },
      TAGS,
    )
    expect(many.items.tokens.filter((token) => token === '编号')).toHaveLength(256)
    const long = indexDocument({ name: 'x', summary: '', itemNames: ['甲乙'.repeat(10_000)] }, TAGS)
    expect(long.starts.items + long.items.tokens.length - 1).toBeLessThanOrEqual(MAX_POSITION)
  })
})

describe('query rendering', () => {
  const expr = {
    op: 'not' as const,
    base: {
      op: 'and' as const,
      items: [
        { op: 'phrase' as const, tokens: ['身份', '份证'] },
        { op: 'phrase' as const, tokens: ['zzctheme'] },
      ],
    },
    minus: {
      op: 'not' as const,
      base: { op: 'phrase' as const, tokens: ['zzsnone'] },
      minus: { op: 'or' as const, items: [{ op: 'phrase' as const, tokens: ['zzpa'] }] },
    },
  }

  it('writes FTS5 syntax', () => {
    expect(toFtsQuery(expr)).toBe('(("身份 份证" AND "zzctheme") NOT ("zzsnone" NOT ("zzpa")))')
  })

  it('writes tsquery syntax', () => {
    expect(toTsquery(expr)).toBe("((('身份' <-> '份证') & 'zzctheme') & !('zzsnone' & !('zzpa')))")
  })
})
