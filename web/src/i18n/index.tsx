/** zh-CN by default, English on request; the choice is kept in localStorage and sent to the API. */
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react'
import { type Lang, setApiLanguage } from '../api/client'
import { en } from './en'
import { enumsEn, enumsZh } from './enums'
import { type MessageKey, zh } from './zh'

const LANG_KEY = 'govshare.lang'

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

export interface I18n {
  lang: Lang
  setLang(lang: Lang): void
  t: Translate
  /** The label of a closed-vocabulary value (share type, status, role…); the value itself if unknown. */
  label(kind: string, value: string | null | undefined): string
}

const I18nContext = createContext<I18n | null>(null)

/** Month and weekday names in the date pickers. */
function dayjsLocale(lang: Lang): string {
  return lang === 'en' ? 'en' : 'zh-cn'
}

function initialLang(): Lang {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN'
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const chosen = initialLang()
    setApiLanguage(chosen)
    dayjs.locale(dayjsLocale(chosen))
    return chosen
  })
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(LANG_KEY, next)
    setApiLanguage(next)
    dayjs.locale(dayjsLocale(next))
    document.documentElement.lang = next
    setLangState(next)
  }, [])
  const value = useMemo<I18n>(() => {
    const messages = lang === 'en' ? en : zh
    const enums = lang === 'en' ? enumsEn : enumsZh
    return {
      lang,
      setLang,
      t: (key, vars) => fill(messages[key], vars),
      label: (kind, v) => (v === null || v === undefined ? '' : (enums[kind]?.[v] ?? v)),
    }
  }, [lang, setLang])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const value = useContext(I18nContext)
  if (value === null) {
    throw new Error('useI18n outside I18nProvider')
  }
  return value
}

function fill(text: string, vars?: Record<string, string | number>): string {
  if (!vars) {
    return text
  }
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}

export type { MessageKey }
