import { useCallback, useEffect, useState } from 'react'
import type { MeData } from '@/core/api-types'
import type { Role } from '@/core/contracts'
import { callAction } from '@/services/api'
import { type ActionError, toActionError } from '@/services/errors'
import { onSessionChange } from '@/services/session'

// Who the user is, shared by every page: loaded once, refreshed after sign-in, registration or on demand.
interface MeState {
  me: MeData | undefined
  loading: boolean
  error: ActionError | null
}

let state: MeState = { me: undefined, loading: false, error: null }
let inflight: Promise<void> | null = null
const listeners = new Set<(s: MeState) => void>()

function setState(next: Partial<MeState>) {
  state = { ...state, ...next }
  for (const fn of listeners) fn(state)
}

export function reloadMe(): Promise<void> {
  if (inflight) return inflight
  setState({ loading: true })
  inflight = callAction('me.get', {})
    .then((me) => setState({ me, error: null, loading: false }))
    .catch((err) => setState({ me: undefined, error: toActionError(err), loading: false }))
    .finally(() => {
      inflight = null
    })
  return inflight
}

onSessionChange(() => {
  setState({ me: undefined, error: null })
  void reloadMe()
})

/** For tests: forget the cached identity. */
export function resetMe(): void {
  state = { me: undefined, loading: false, error: null }
  inflight = null
}

export interface UseMe extends MeState {
  reload: () => Promise<void>
  /** Scopes (org ids) where the user holds `role`. */
  scopesOf: (role: Role) => { scopeId: string; scopeName?: string }[]
  isMember: boolean
}

export function useMe(): UseMe {
  const [s, set] = useState<MeState>(state)
  useEffect(() => {
    listeners.add(set)
    if (!state.me && !state.error && !inflight) void reloadMe()
    else set(state)
    return () => {
      listeners.delete(set)
    }
  }, [])
  const scopesOf = useCallback((role: Role) => (s.me?.roles ?? []).filter((r) => r.role === role), [s.me])
  return {
    ...s,
    loading: s.loading || (!s.me && !s.error),
    reload: reloadMe,
    scopesOf,
    isMember: s.me?.member?.status === 'active',
  }
}
