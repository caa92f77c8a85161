/** English, on the header's switch. Typed against the Chinese keys so none can be missing. */
import type { MessageKey } from '../zh'
import { enAdmin } from './admin'
import { enCatalog } from './catalog'
import { enClasses } from './classes'
import { enCore } from './core'
import { enCounty } from './county'
import { enFederation } from './federation'
import { enFields } from './fields'
import { enOversight } from './oversight'
import { enSharing } from './sharing'
import { enSupervision } from './supervision'

export const en: Record<MessageKey, string> = {
  ...enCore,
  ...enCatalog,
  ...enClasses,
  ...enSharing,
  ...enAdmin,
  ...enSupervision,
  ...enOversight,
  ...enFields,
  ...enFederation,
  ...enCounty,
}
