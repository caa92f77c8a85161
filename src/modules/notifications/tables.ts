// biome-ignore lint/suspicious/noEmptyInterface: filled in by the notifications module work
export interface NotificationTables {}
