/**
 * A date as the API takes it (YYYY-MM-DD), picked with antd's DatePicker, worded by the antd and
 * dayjs locales the language sets (i18n/index.tsx). Days outside [min, max] cannot be picked.
 */
import { DatePicker } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'

const DAY = 'YYYY-MM-DD'

interface DateInputProps {
  value?: string
  onChange?(value: string | undefined): void
  /** YYYY-MM-DD: the first and last days that may be picked. */
  min?: string
  max?: string
  testId?: string
  ariaLabel?: string
  allowClear?: boolean
}

/** For a Form.Item or a controlled value: the caller holds the string, the picker a day. */
export function DateInput({
  value,
  onChange,
  min,
  max,
  testId,
  ariaLabel,
  allowClear = true,
}: DateInputProps) {
  const outside = (day: Dayjs) => {
    const text = day.format(DAY)
    return (min !== undefined && text < min) || (max !== undefined && text > max)
  }
  return (
    <DatePicker
      data-testid={testId}
      aria-label={ariaLabel}
      style={{ width: 160 }}
      format={DAY}
      allowClear={allowClear}
      value={value ? dayjs(value) : null}
      onChange={(day: Dayjs | null) => onChange?.(day ? day.format(DAY) : undefined)}
      disabledDate={min !== undefined || max !== undefined ? outside : undefined}
    />
  )
}
