import { useCallback, useState } from 'react'
import { showError } from '@/services/feedback'

/**
 * The busy state of a button around one async task: while it runs the button is disabled, a failure becomes
 * the error toast, and the flag always clears.
 */
export function useBusy(): { busy: boolean; run: (task: () => Promise<void>) => Promise<void> } {
  const [busy, setBusy] = useState(false)
  const run = useCallback(async (task: () => Promise<void>) => {
    setBusy(true)
    try {
      await task()
    } catch (err) {
      showError(err)
    } finally {
      setBusy(false)
    }
  }, [])
  return { busy, run }
}
