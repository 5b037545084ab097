import type { ReactNode } from 'react'
import type { ActionError } from '@/services/errors'
import EmptyState, { type EmptyStateProps } from '../EmptyState'
import ErrorView from '../ErrorView'
import Skeleton, { type SkeletonProps } from '../Skeleton'

/** What `useAction` answers; any `{ data, loading, error, reload }` will do. */
export interface AsyncState<T> {
  data: T | undefined
  loading: boolean
  error: ActionError | null
  reload?: () => unknown
}

export interface AsyncViewProps<T> {
  state: AsyncState<T>
  /** When the loaded data counts as empty (e.g. no rows); the `empty` state is shown instead of the content. */
  isEmpty?: (data: T) => boolean
  /** The empty state: what is missing and what to do next. */
  empty?: EmptyStateProps
  /** The placeholder's shape while the first answer is on its way. */
  skeleton?: SkeletonProps
  /** Show the placeholder also while what the request waits on (e.g. the user's scope) is still loading. */
  waiting?: boolean
  /**
   * The state when nothing was asked: no answer, no error and nothing on its way (`useAction` with a `null` body,
   * e.g. without an estate). Without it that case keeps the placeholder.
   */
  idle?: EmptyStateProps
  /** Show the placeholder also while reloading (e.g. when the answer is for another year than the one asked). */
  stale?: (data: T) => boolean
  children: (data: T) => ReactNode
}

/**
 * The one ladder every loading screen climbs: an error with a retry (kept out of the way when older data can still
 * be shown), the idle state when nothing was asked, a skeleton until the first answer, the empty state, then the content.
 */
export default function AsyncView<T>({ state, isEmpty, empty, skeleton, waiting, idle, stale, children }: AsyncViewProps<T>) {
  const { data, loading, error, reload } = state
  if (error && data === undefined) return <ErrorView error={error} onRetry={reload ? () => void reload() : undefined} />
  if (idle && data === undefined && !loading && !waiting) return <EmptyState {...idle} />
  if (waiting || data === undefined || (loading && stale?.(data))) return <Skeleton {...skeleton} />
  if (empty && isEmpty?.(data)) return <EmptyState {...empty} />
  return <>{children(data)}</>
}
