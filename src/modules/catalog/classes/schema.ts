/** Wire schemas of the catalog class tree (the portal imports them). */
import { type Static, Type } from 'typebox'
import { Nullable } from '../../../shared/schema.js'
import { CLASS_LEVELS } from '../vocabulary.js'

export const ClassCode = Type.String({ pattern: '^[1-3](\\d{2}(\\d{3}(\\d{3})?)?)?$' })

export const ClassView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  parentCode: Nullable(Type.String()),
  level: Type.Enum(CLASS_LEVELS),
  /** The department a 项 under 3 belongs to; null for every other node. */
  departmentId: Nullable(Type.String()),
})
export type ClassView = Static<typeof ClassView>

export const ClassList = Type.Object({ items: Type.Array(ClassView) })
export type ClassList = Static<typeof ClassList>

export const ClassParams = Type.Object({ code: ClassCode })

export const ClassRename = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
})
export type ClassRename = Static<typeof ClassRename>
