import { useEffect, useState } from 'react'
import { queueState, subscribeQueue, type QueueState } from '@/services/checkin-queue'

/** The device's queued check-ins and what became of them, kept current as the retries run. */
export function useCheckinQueue(): QueueState {
  const [state, setState] = useState(queueState)
  useEffect(() => subscribeQueue(() => setState(queueState())), [])
  return state
}
