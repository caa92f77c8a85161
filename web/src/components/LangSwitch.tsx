import { Segmented } from 'antd'
import type { Lang } from '../api/client'
import { useI18n } from '../i18n'

/** 中文 / English; the API's messages follow on the next call (Accept-Language). */
export function LangSwitch() {
  const { lang, setLang } = useI18n()
  return (
    <Segmented<Lang>
      data-testid="lang-switch"
      value={lang}
      onChange={setLang}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
    />
  )
}
