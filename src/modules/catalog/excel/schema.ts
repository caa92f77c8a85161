/** Wire schemas of the catalog workbook import (the portal imports them). */
import { type Static, Type } from 'typebox'

export const ImportSummary = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  resources: Type.Array(
    Type.Object({
      code: Type.String(),
      id: Type.String(),
      action: Type.Enum(['created', 'updated', 'unchanged']),
    }),
  ),
})
export type ImportSummary = Static<typeof ImportSummary>

/** One bad cell: `row` is the Excel row number, `column` the Chinese header. */
export const ImportProblem = Type.Object({
  sheet: Type.String(),
  row: Type.Integer(),
  column: Type.String(),
  reason: Type.String(),
  code: Type.String(),
})
export type ImportProblem = Static<typeof ImportProblem>

/** The details of CATALOG_IMPORT_INVALID: every bad cell, nothing stored. */
export const ImportProblems = Type.Object({ problems: Type.Array(ImportProblem) })
export type ImportProblems = Static<typeof ImportProblems>
