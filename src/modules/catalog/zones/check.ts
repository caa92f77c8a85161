/** `govshare zone check`: catalog rows an external instance must not hold (from before issue 16). */
import type { Db } from '../../../db/database.js'
import { internalResources } from './repo.js'

export function internalCatalogRows(db: Db, internalDepartmentIds: readonly string[]) {
  return internalResources(db, internalDepartmentIds)
}
