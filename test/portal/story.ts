/**
 * What test/portal/kit.ts hands the portal's own tests (web/src/**\/*.test.ts): plain data only, so
 * the portal's type program reads this file without the Node code that starts the platform.
 */
export interface Credentials {
  username: string
  password: string
}

export interface PortalStory {
  /** Where the platform listens, e.g. http://127.0.0.1:41234 */
  baseUrl: string
  consumer: Credentials
  approver: Credentials
  /** Two pending requests of the consumer's department for the approver's conditional resources. */
  requestIds: [string, string]
  close(): Promise<void>
}

export interface PortalKit {
  DIALECTS: readonly string[]
  startPortalStory(dialect: string): Promise<PortalStory>
}
