/** The quality module's closed vocabularies and limits, shared by the server and the portal. */
import type { Labels } from '../../shared/schema.js'

/** The most working days the bureau may give providers to verify an objection (Art. 26). */
export const MAX_OBJECTION_DAYS = 60

export const OBJECTION_STATUSES = ['open', 'corrected', 'confirmed'] as const
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number]

export const OBJECTION_STATUS_LABELS: Labels<ObjectionStatus> = {
  open: { zh: '待核实', en: 'Being verified' },
  corrected: { zh: '已更正', en: 'Corrected' },
  confirmed: { zh: '已确认无误', en: 'Confirmed correct' },
}
