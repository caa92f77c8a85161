/** A small history-API router: the portal has a dozen flat pages, not worth a routing library. */
import { type ReactNode, useEffect, useState } from 'react'

const listeners = new Set<() => void>()

export function navigate(to: string): void {
  if (to !== currentPath()) {
    window.history.pushState(null, '', to)
    for (const listener of listeners) {
      listener()
    }
  }
}

function currentPath(): string {
  return window.location.pathname + window.location.search
}

/** The current path and query string; re-renders on navigate() and the browser's back button. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const [location, setLocation] = useState(currentPath)
  useEffect(() => {
    const update = () => setLocation(currentPath())
    listeners.add(update)
    window.addEventListener('popstate', update)
    return () => {
      listeners.delete(update)
      window.removeEventListener('popstate', update)
    }
  }, [])
  const [path = '/', search = ''] = location.split('?')
  return { path, query: new URLSearchParams(search) }
}

/** '/my-catalog/:id/edit' against '/my-catalog/42/edit' → { id: '42' }; null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean)
  const have = path.split('/').filter(Boolean)
  if (want.length !== have.length) {
    return null
  }
  const params: Record<string, string> = {}
  for (const [index, part] of want.entries()) {
    const actual = have[index] ?? ''
    if (part.startsWith(':')) {
      params[part.slice(1)] = decodeURIComponent(actual)
    } else if (part !== actual) {
      return null
    }
  }
  return params
}

export function Link({ to, children }: { to: string; children: ReactNode }) {
  return (
    <a
      href={to}
      onClick={(event) => {
        // Let the browser handle new-tab clicks; plain clicks stay in the app.
        if (!event.ctrlKey && !event.metaKey && !event.shiftKey) {
          event.preventDefault()
          navigate(to)
        }
      }}
    >
      {children}
    </a>
  )
}
