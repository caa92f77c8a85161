export { isIsoDate, shanghaiDate } from '../../shared/dates.js'
export { calendarApiDocs } from './api-docs.js'
export { calendarRoutes } from './routes.js'
export {
  type AddedWorkingDays,
  addWorkingDays,
  type CalendarData,
  calendarData,
  isWorkingDay,
  MAX_WORKING_DAYS,
  type WorkingDayAnswer,
} from './rules.js'
export { parseScheduleFile, type ScheduleFile } from './schedule-file.js'
export { type CalendarService, createCalendarService } from './service.js'
