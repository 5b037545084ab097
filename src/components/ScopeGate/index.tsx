import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import type { ActionError } from '@/services/errors'
import EmptyState, { type EmptyStateProps } from '../EmptyState'
import ErrorView from '../ErrorView'
import Skeleton from '../Skeleton'

/** What `useScope` answers; only whether the user's scope is known, and which it is. */
export interface ScopeState {
  loading: boolean
  error: ActionError | null
  scopeId: string | null
}

export interface ScopeGateProps {
  scope: ScopeState
  /** For someone without the role: who may use the page, and how to get it. */
  empty: EmptyStateProps
  children: (scopeId: string) => ReactNode
}

/** Pages for one role show themselves only once the user's scope in that role is known. */
export default function ScopeGate({ scope, empty, children }: ScopeGateProps) {
  if (scope.error)
    return (
      <View className='page'>
        <ErrorView error={scope.error} />
      </View>
    )
  if (scope.loading)
    return (
      <View className='page'>
        <Skeleton />
      </View>
    )
  if (!scope.scopeId)
    return (
      <View className='page'>
        <EmptyState {...empty} />
      </View>
    )
  return <>{children(scope.scopeId)}</>
}
