/** The department directory, loaded once, so every table can show names instead of ids. */
import { createContext, type ReactNode, useContext, useMemo } from 'react'
import type { DepartmentView } from '../../../src/modules/org/schema'
import { org } from '../api/endpoints'
import { useLoad } from './use-load'

interface Directory {
  list: DepartmentView[]
  nameOf(id: string | null | undefined): string
  reload(): void
}

const DirectoryContext = createContext<Directory>({ list: [], nameOf: (id) => id ?? '', reload: () => {} })

export function DepartmentsProvider({ children }: { children: ReactNode }) {
  const { data, reload } = useLoad(() => org.departments(), [])
  const value = useMemo<Directory>(() => {
    const list = data?.items ?? []
    const names = new Map(list.map((d) => [d.id, d.name]))
    return { list, nameOf: (id) => (id ? (names.get(id) ?? id) : ''), reload }
  }, [data, reload])
  return <DirectoryContext.Provider value={value}>{children}</DirectoryContext.Provider>
}

export function useDepartments(): Directory {
  return useContext(DirectoryContext)
}

export function DeptName({ id }: { id: string | null | undefined }) {
  return <>{useDepartments().nameOf(id)}</>
}
