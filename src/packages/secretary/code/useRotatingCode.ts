import { useEffect, useRef } from 'react'
import { useAction, useNow } from '@/hooks'

/**
 * How often the live count and code are refreshed even before the code rotates: a projector's "已签到 N 人" moves
 * within 5 s of a check-in, at one small read per screen every 5 s (the code itself changes every 30 s).
 */
export const POLL_MS = 5000

/** The rotating code of an activity (null: none), refreshed every POLL_MS and the moment the shown one expires. */
export function useRotatingCode(activityId: string | null) {
  const code = useAction('activity.code', activityId ? { activityId } : null, [activityId])
  const now = useNow(500)
  const refreshedFor = useRef<string | null>(null)

  useEffect(() => {
    if (!activityId) return
    const t = setInterval(() => void code.reload(), POLL_MS)
    return () => clearInterval(t)
  }, [activityId, code.reload])

  // Fetch the next code the moment the shown one rotates.
  const expiresAt = code.data ? Date.parse(code.data.expiresAt) : null
  useEffect(() => {
    if (expiresAt && now >= expiresAt && refreshedFor.current !== code.data?.expiresAt) {
      refreshedFor.current = code.data?.expiresAt ?? null
      void code.reload()
    }
  }, [now, expiresAt, code])

  const secondsLeft = expiresAt ? Math.max(0, Math.ceil((expiresAt - now) / 1000)) : 0
  return { code, now, secondsLeft }
}
