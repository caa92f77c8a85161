/**
 * What the audit search asks other modules: names for ids, ids for a name, and how a key is hashed
 * and masked. Passed in by the container, because every module logs through audit (it imports
 * audit's index) and an import back from audit would tie each of them to audit both ways (§37).
 */
import type { Executor } from '../../../db/database.js'
import type { FieldKeys } from '../../../shared/field-crypto.js'

type Ids = readonly string[]

export interface AuditDirectory {
  /** org: users' and clients' login and name by id. */
  principalNames(
    db: Executor,
    ids: { users: Ids; clients: Ids },
  ): Promise<{ users: Map<string, { name: string }>; clients: Map<string, { name: string }> }>
  /** org: ids of users and clients whose login or name contains `text`. */
  principalsMatching(db: Executor, text: string, limit: number): Promise<string[]>
  departmentNames(db: Executor, ids: Ids): Promise<Map<string, string>>
  /** catalog: any resource's name by id. */
  resourceNames(db: Executor, ids: Ids): Promise<Map<string, { name: string }>>
  resourcesMatching(
    db: Executor,
    text: string,
    limit: number,
  ): Promise<Array<{ id: string; code: string; name: string; providerId: string; status: string }>>
  /** catalog: the published items of a resource, which mask its key. */
  publishedResource(db: Executor, id: string): Promise<{ items: readonly unknown[] } | undefined>
  /** sharing: the resource of each grant and request. */
  resourceIdsOf(db: Executor, ids: { grants: Ids; requests: Ids }): Promise<Map<string, string>>
  /** sharing: the grants and requests on a resource. */
  sharingObjectsOf(db: Executor, resourceId: string): Promise<{ grants: string[]; requests: string[] }>
  /** exchange: a record key's keyed hash and its masked form under the published items. */
  keyHashOf(keys: FieldKeys, key: string): string
  maskedKey(items: readonly unknown[], key: string): string
}
