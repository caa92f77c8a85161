/**
 * A date as the API takes it (YYYY-MM-DD), picked with antd's DatePicker, worded by the antd and
 * dayjs locales the language sets (i18n/index.tsx). `future` disables the days before today.
 */
import { DatePicker } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'

const DAY = 'YYYY-MM-DD'

interface DateInputProps {
  value?: string
  onChange?(value: string | undefined): void
  future?: boolean
  testId?: string
}

/** For a Form.Item: the form holds the string, the picker a day. */
export function DateInput({ value, onChange, future, testId }: DateInputProps) {
  return (
    <DatePicker
      data-testid={testId}
      style={{ width: 200 }}
      format={DAY}
      value={value ? dayjs(value) : null}
      onChange={(day: Dayjs | null) => onChange?.(day ? day.format(DAY) : undefined)}
      disabledDate={future ? (day) => day.isBefore(dayjs().startOf('day')) : undefined}
    />
  )
}
