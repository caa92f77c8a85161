/** Supervision's closed vocabularies, shared by the server and the portal. */

/** The Art. 35 evaluation indicators (labels, weights and advice: evaluation/indicators.ts). */
export const INDICATOR_KEYS = [
  'participation',
  'catalogEntries',
  'catalogItems',
  'unconditionalShare',
  'answerRate',
  'answerSpeed',
  'onTimeAnswers',
  'updateTimeliness',
  'objectionsOnTime',
  'sharingFrequency',
  'dataUse',
] as const
export type IndicatorKey = (typeof INDICATOR_KEYS)[number]
