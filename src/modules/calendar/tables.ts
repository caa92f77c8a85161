// biome-ignore lint/suspicious/noEmptyInterface: filled in by the calendar module work
export interface CalendarTables {}
