/** Who is signed in: the login reply kept in sessionStorage (closed with the tab, per the brief). */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { SessionUser } from '../../../src/modules/org/schema'
import type { Role } from '../../../src/shared/schema'
import { loadSession, onSessionExpired, type Session, saveSession } from '../api/client'
import { auth } from '../api/endpoints'

interface SessionState {
  user: SessionUser | null
  /** True after the server refused the token: the login page says so. */
  expired: boolean
  signIn(session: Session): void
  signOut(): Promise<void>
  passwordChanged(): void
  /** After enrolment the same session may do everything its roles allow. */
  mfaEnrolled(): void
  /** The session may only enrol a second factor until it does. */
  mustEnrolMfa: boolean
  hasRole(...roles: Role[]): boolean
}

const SessionContext = createContext<SessionState | null>(null)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(loadSession)
  const [expired, setExpired] = useState(false)

  useEffect(() => {
    onSessionExpired(() => {
      setSession(null)
      setExpired(true)
    })
  }, [])

  const signIn = useCallback((next: Session) => {
    saveSession(next)
    setExpired(false)
    setSession(next)
  }, [])

  const signOut = useCallback(async () => {
    try {
      await auth.logout()
    } catch {
      // The session ends in the browser whatever the server says (it may already have expired).
    }
    saveSession(null)
    setSession(null)
  }, [])

  const passwordChanged = useCallback(() => {
    setSession((current) => {
      if (current === null) {
        return current
      }
      const next = { ...current, user: { ...current.user, mustChangePassword: false } }
      saveSession(next)
      return next
    })
  }, [])

  const mfaEnrolled = useCallback(() => {
    setSession((current) => {
      if (current === null) {
        return current
      }
      const next: Session = { ...current, secondFactor: 'verified' }
      saveSession(next)
      return next
    })
  }, [])

  const value = useMemo<SessionState>(() => {
    const user = session?.user ?? null
    return {
      user,
      expired,
      signIn,
      signOut,
      passwordChanged,
      mfaEnrolled,
      mustEnrolMfa: session?.secondFactor === 'enrolment_required',
      hasRole: (...roles) => user !== null && roles.some((role) => user.roles.includes(role)),
    }
  }, [session, expired, signIn, signOut, passwordChanged, mfaEnrolled])
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): SessionState {
  const value = useContext(SessionContext)
  if (value === null) {
    throw new Error('useSession outside SessionProvider')
  }
  return value
}

/** For pages behind the sign-in gate, where a user is always present. */
export function useUser(): SessionUser {
  const { user } = useSession()
  if (user === null) {
    throw new Error('useUser before sign-in')
  }
  return user
}
