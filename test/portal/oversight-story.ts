/** What test/portal/oversight-kit.ts hands the portal's to-do test: plain data only (see story.ts). */
// The same shape as story.ts's Credentials; no import, so both type programs (node16 and bundler) read it.
interface Credentials {
  username: string
  password: string
}

export interface OversightStory {
  baseUrl: string
  deptAdmin: Credentials
  reviewer: Credentials
  departmentName: string
  /** Issued to the dept_admin's department, with its due date. */
  issuedNotice: { id: string; dueDate: string }
  /** A draft the bureau has yet to issue. */
  draftNotice: string
  /** An open security incident. */
  incident: string
  close(): Promise<void>
}

export interface OversightKit {
  DIALECTS: readonly string[]
  startOversightStory(dialect: string): Promise<OversightStory>
}
