/** A from–to period as two date fields; the API caps a period, so it answers if one is too long. */
import { Space } from 'antd'
import type { PeriodQuery } from '../../../src/modules/supervision/schema'
import { useI18n } from '../i18n'
import { DateInput } from './DateInput'
import { todayInShanghai } from './dates'

/** The last twelve months up to today: from the first day of the month eleven months back. */
export function lastTwelveMonths(today = todayInShanghai()): Required<PeriodQuery> {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  const start = new Date(Date.UTC(year, month - 1 - 11, 1))
  return { from: start.toISOString().slice(0, 10), to: today }
}

export function PeriodPicker({
  value,
  onChange,
}: {
  value: Required<PeriodQuery>
  onChange(next: Required<PeriodQuery>): void
}) {
  const { t } = useI18n()
  return (
    <Space data-testid="period-picker">
      <span>{t('period.from')}</span>
      <DateInput
        ariaLabel={t('period.from')}
        allowClear={false}
        value={value.from}
        max={value.to}
        onChange={(from) => from && onChange({ ...value, from })}
      />
      <span>{t('period.to')}</span>
      <DateInput
        ariaLabel={t('period.to')}
        allowClear={false}
        value={value.to}
        min={value.from}
        max={todayInShanghai()}
        onChange={(to) => to && onChange({ ...value, to })}
      />
    </Space>
  )
}
