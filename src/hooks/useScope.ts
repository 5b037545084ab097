import { useEffect, useState } from 'react'
import type { Role } from '@/core/contracts'
import { useMe } from './useMe'

/** The org the user manages in `role`; most people have one, a few several (then the page shows a picker). */
export function useScope(roles: Role | Role[]) {
  const { me, loading, error, scopesOf } = useMe()
  const wanted = Array.isArray(roles) ? roles : [roles]
  const scopes = wanted.flatMap((r) => scopesOf(r))
  const [scopeId, setScopeId] = useState<string | null>(null)
  useEffect(() => {
    if (!scopeId && scopes.length) setScopeId(scopes[0].scopeId)
  }, [scopeId, scopes])
  const current = scopes.find((s) => s.scopeId === scopeId) ?? null
  return { me, loading, error, scopes, scopeId: current?.scopeId ?? null, scopeName: current?.scopeName, setScopeId }
}
