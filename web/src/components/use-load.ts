/** Loads something from the API when its inputs change; errors go to the message toast. */
import { useCallback, useEffect, useRef, useState } from 'react'
import { useReportError } from './notify'

export interface Loaded<T> {
  data: T | undefined
  loading: boolean
  error: unknown
  reload(): void
}

export function useLoad<T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  options: { quiet?: boolean } = {},
): Loaded<T> {
  const [data, setData] = useState<T>()
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<unknown>()
  const [round, setRound] = useState(0)
  const report = useReportError()
  const loadRef = useRef(load)
  loadRef.current = load
  const quiet = options.quiet === true

  // biome-ignore lint/correctness/useExhaustiveDependencies: callers list the inputs of `load` in deps.
  useEffect(() => {
    let live = true
    setLoading(true)
    loadRef
      .current()
      .then((value) => {
        if (live) {
          setData(value)
          setError(undefined)
        }
      })
      .catch((failure: unknown) => {
        if (live) {
          setError(failure)
          if (!quiet) {
            report(failure)
          }
        }
      })
      .finally(() => {
        if (live) {
          setLoading(false)
        }
      })
    return () => {
      live = false
    }
  }, [...deps, round, report, quiet])

  const reload = useCallback(() => setRound((n) => n + 1), [])
  return { data, loading, error, reload }
}
