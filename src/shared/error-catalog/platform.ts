import type { ErrorSpec } from '../errors.js'

/** The working-day calendar and notifications. */
export const PLATFORM_ERRORS = {
  // Working-day calendar
  CALENDAR_INVALID_DATE: { status: 400, zh: '日期无效，应为 YYYY-MM-DD', en: 'Invalid date; use YYYY-MM-DD' },
  CALENDAR_OUT_OF_RANGE: {
    status: 400,
    zh: '日期或天数超出日历支持范围',
    en: 'The date or number of days is outside the calendar range',
  },
  CALENDAR_INVALID_FILE: {
    status: 400,
    zh: '节假日安排文件格式错误',
    en: 'The holiday schedule file is not valid',
  },
  CALENDAR_INVALID_SCHEDULE: {
    status: 400,
    zh: '节假日安排无效：日期须为该年内的真实日期且不得重复',
    en: 'The holiday schedule is not valid: each date must be a real date of that year, listed once',
  },
  CALENDAR_OVERRIDE_NOT_FOUND: {
    status: 404,
    zh: '该日期没有自定义安排',
    en: 'No bureau entry for this date',
  },
  // Notifications
  NOTIFICATION_NOT_FOUND: { status: 404, zh: '通知不存在', en: 'No such notification' },
} as const satisfies Record<string, ErrorSpec>
