// biome-ignore lint/suspicious/noEmptyInterface: filled in by the jobs module work
export interface JobTables {}
