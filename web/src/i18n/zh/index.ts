/** Simplified Chinese, the portal's default language; the keys of this object are the message keys. */

import { zhAdmin } from './admin'
import { zhCatalog } from './catalog'
import { zhClasses } from './classes'
import { zhCore } from './core'
import { zhCounty } from './county'
import { zhFederation } from './federation'
import { zhFields } from './fields'
import { zhOversight } from './oversight'
import { zhSharing } from './sharing'
import { zhSupervision } from './supervision'

export const zh = {
  ...zhCore,
  ...zhCatalog,
  ...zhClasses,
  ...zhSharing,
  ...zhAdmin,
  ...zhSupervision,
  ...zhOversight,
  ...zhFields,
  ...zhFederation,
  ...zhCounty,
}

export type MessageKey = keyof typeof zh
