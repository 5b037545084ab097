// The local backend's stand-in for the cloud timer (docs/DESIGN.md#jobs): every 30 s it steps the jobs nobody drives
// with the same job.drive the score function's timer calls. It acts as a system openid that is a county admin only
// for its own app instance here: the HTTP server's app is built on deps that do not name it, so logging in as that
// openid over HTTP gives no role at all.
import { type App, createApp } from '../app'
import type { Deps } from '../context/deps'

export const LOCAL_DRIVER_OPENID = 'system-local-jobs'
export const DRIVE_EVERY_MS = 30_000

export interface JobDriver {
  /** One pass (the interval calls it; tests call it directly). Never runs two passes at once. */
  tick(): Promise<void>
  stop(): void
}

export function startJobDriver(deps: Deps, everyMs = DRIVE_EVERY_MS, log: (e: unknown) => void = (e) => console.error('[jobs]', e)): JobDriver {
  const app: App = createApp({ ...deps, adminOpenids: new Set([...deps.adminOpenids, LOCAL_DRIVER_OPENID]) }, log)
  let running: Promise<void> | null = null
  const tick = () => {
    running ??= app
      .handle('job.drive', {}, LOCAL_DRIVER_OPENID)
      .then((r) => {
        if (!r.envelope.ok) log(r.envelope.error)
      })
      .catch(log)
      .finally(() => {
        running = null
      })
    return running
  }
  const timer = everyMs > 0 ? setInterval(() => void tick(), everyMs) : null
  timer?.unref()
  return {
    tick,
    stop: () => {
      if (timer) clearInterval(timer)
    },
  }
}
