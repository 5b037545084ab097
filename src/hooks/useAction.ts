import { useCallback, useEffect, useRef, useState } from 'react'
import type { ActionName } from '@/core/contracts'
import { callAction, type RequestOf, type ResultOf } from '@/services/api'
import { type ActionError, toActionError } from '@/services/errors'

export interface ActionState<T> {
  data: T | undefined
  /** True while a call is in flight (the first load or a reload). */
  loading: boolean
  error: ActionError | null
  /** Calls again with the same body; resolves when done (for pull-down refresh). */
  reload: () => Promise<void>
}

/**
 * Loads an action's data. `body: null` waits (e.g. until the caller's estate is known). The call is repeated when
 * `deps` change; a slower earlier answer never overwrites a newer one.
 */
export function useAction<A extends ActionName>(action: A, body: RequestOf<A> | null, deps: readonly unknown[]): ActionState<ResultOf<A>> {
  const [data, setData] = useState<ResultOf<A> | undefined>(undefined)
  const [loading, setLoading] = useState(body !== null)
  const [error, setError] = useState<ActionError | null>(null)
  const seq = useRef(0)
  const bodyRef = useRef(body)
  bodyRef.current = body

  const run = useCallback(async () => {
    const b = bodyRef.current
    const id = ++seq.current
    if (b === null) {
      setLoading(false)
      return
    }
    setLoading(true)
    try {
      const result = await callAction(action, b)
      if (id !== seq.current) return
      setData(result)
      setError(null)
    } catch (err) {
      if (id !== seq.current) return
      setError(toActionError(err))
    } finally {
      if (id === seq.current) setLoading(false)
    }
  }, [action])

  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists what the body depends on (deps); the body object itself is new every render
  useEffect(() => {
    void run()
  }, [run, body === null, ...deps])

  useEffect(
    () => () => {
      seq.current++
    },
    [],
  )

  return { data, loading, error, reload: run }
}
